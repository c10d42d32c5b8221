package dev.rnn4j.model.layers;

import dev.rnn4j.model.BuildContext;
import dev.rnn4j.model.GradientTape;
import dev.rnn4j.model.Parameter;
import dev.rnn4j.model.RecurrentStates;
import dev.rnn4j.model.Variable;
import dev.rnn4j.model.ops.GatherOps;
import dev.rnn4j.model.ops.RecurrentDropout;
import dev.rnn4j.model.ops.RecurrentOps;
import dev.rnn4j.model.ops.RecurrentStepOps;
import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.rnn.RnnMode;
import dev.rnn4j.rnn.RnnPlan;
import dev.rnn4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * LSTM, GRU (cuDNN's variant, Keras reset_after=True) and SimpleRNN (tanh or relu) on the backend's RNN
 * primitive. Input [B, T, F] (its mask becomes seqLengths); optional initial states as extra inputs
 * ([x, h0] or [x, h0, c0]). Output: the sequence [B, T, units] with {@code returnSequences}, else the last
 * valid output [B, units]; with {@code returnState} also h (and c). {@code goBackwards} processes each
 * sequence from its last valid step and returns the outputs in that order. {@code stateful} carries the final
 * state of a batch into the next (same batch size) until {@link #resetStates()}. In training, {@code dropout}
 * and {@code recurrentDropout} are Keras': one inverted-dropout mask per sequence on the inputs [B, F] and one
 * on the state [B, units], drawn from the tape's seed and used at every step (the masked state enters only the
 * recurrent product R·h; the state carried on is not masked). Input dropout alone keeps the fused RNN
 * primitive (the inputs are masked first); recurrent dropout cannot run in the fused primitive (cuDNN has no
 * such option) and takes {@link RecurrentStepOps}, a step-by-step path of GEMMs and pointwise ops that every
 * backend runs, as Keras falls back from its cuDNN kernel. Parameters (PyTorch names,
 * views of one flat weight space in the plan's layout): weight_ih_l0 [gates·units, F], weight_hh_l0
 * [gates·units, units], bias_ih_l0, bias_hh_l0 [gates·units].
 */
public final class Recurrent extends AbstractLayer {

    private final RnnMode mode;
    private final int units;
    private boolean returnSequences;
    private boolean returnState;
    private boolean goBackwards;
    private boolean stateful;
    private float dropout;
    private float recurrentDropout;
    private RnnPlan plan;
    private Tensor weights;
    private Tensor weightGrad;
    private final RecurrentStates carried = new RecurrentStates();
    private final List<Parameter> views = new ArrayList<>();

    public Recurrent(RnnMode mode, int units) {
        super(switch (mode) {
            case LSTM -> "lstm";
            case GRU -> "gru";
            default -> "simple_rnn";
        });
        if (units < 1) throw new IllegalArgumentException("recurrent layer needs units >= 1, got " + units);
        this.mode = java.util.Objects.requireNonNull(mode, "mode");
        this.units = units;
    }

    public Recurrent returnSequences(boolean v) {
        requireNotBuilt();
        returnSequences = v;
        return this;
    }

    public Recurrent returnState(boolean v) {
        requireNotBuilt();
        returnState = v;
        return this;
    }

    public Recurrent goBackwards(boolean v) {
        requireNotBuilt();
        goBackwards = v;
        return this;
    }

    public Recurrent stateful(boolean v) {
        requireNotBuilt();
        stateful = v;
        return this;
    }

    /** Keras' dropout: the fraction of input features dropped in training (one mask per sequence), in [0, 1). */
    public Recurrent dropout(float rate) {
        requireNotBuilt();
        this.dropout = RecurrentDropout.checkRate("dropout", rate);
        return this;
    }

    /** Keras' recurrent_dropout: the fraction of state units dropped from R·h in training (one mask per sequence), in [0, 1). */
    public Recurrent recurrentDropout(float rate) {
        requireNotBuilt();
        this.recurrentDropout = RecurrentDropout.checkRate("recurrent_dropout", rate);
        return this;
    }

    public RnnMode mode() {
        return mode;
    }

    public int units() {
        return units;
    }

    public boolean returnSequences() {
        return returnSequences;
    }

    public boolean goBackwards() {
        return goBackwards;
    }

    /** A layer of the same kind and options, unbuilt, for the other direction of a Bidirectional wrapper. */
    public Recurrent copyReversed() {
        return new Recurrent(mode, units).returnSequences(returnSequences).returnState(returnState).goBackwards(!goBackwards)
                .dropout(dropout).recurrentDropout(recurrentDropout);
    }

    @Override
    public String type() {
        return switch (mode) {
            case LSTM -> "LSTM";
            case GRU -> "GRU";
            case RNN_TANH -> "SimpleRNN";
            case RNN_RELU -> "SimpleRNNRelu";
        };
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("units", units, "return_sequences", returnSequences, "return_state", returnState, "go_backwards", goBackwards, "stateful", stateful,
                "dropout", dropout, "recurrent_dropout", recurrentDropout);
    }

    /** Dropout rates missing from a config (written before they existed) are 0. */
    static Recurrent fromConfig(RnnMode mode, Map<String, Object> c) {
        return new Recurrent(mode, Configs.i(c, "units")).returnSequences(Configs.b(c, "return_sequences")).returnState(Configs.b(c, "return_state"))
                .goBackwards(Configs.b(c, "go_backwards")).stateful(Configs.b(c, "stateful"))
                .dropout(Configs.f(c, "dropout", 0f)).recurrentDropout(Configs.f(c, "recurrent_dropout", 0f));
    }

    @Override
    public int outputCount() {
        return returnState ? (mode.hasCellState() ? 3 : 2) : 1;
    }

    @Override
    protected int maxInputs() {
        return mode.hasCellState() ? 3 : 2;
    }

    @Override
    protected List<long[]> buildFor(BuildContext ctx, List<long[]> in) {
        List<long[]> out = outputShapesFor(in);
        int features = (int) features(in.getFirst());
        // the flat weight space: W [gates*units, features], R [gates*units, units] and the two biases [gates*units]
        ctx.reserve(name() + " weights", (long) mode.gates() * units, (long) features + units + 2);
        RnnDescriptor desc = RnnDescriptor.of(mode, 1, false, features, units);
        plan = ctx.backend().rnn(desc);
        var layout = desc.weightLayout();
        weights = ctx.allocate(layout.size());
        weightGrad = ctx.allocate(layout.size());
        int rows = layout.gateRows();
        var rng = ctx.random(name());
        float[] w = Init.glorotUniform(rng, rows, features);
        float[] r = Init.orthogonal(rng, rows, units);
        float[] bih = new float[rows];
        if (mode == RnnMode.LSTM) java.util.Arrays.fill(bih, units, 2 * units, 1f);
        view(ctx, "weight_ih_l0", layout.inputWeightOffset(0, 0), w, rows, features);
        view(ctx, "weight_hh_l0", layout.recurrentWeightOffset(0, 0), r, rows, units);
        view(ctx, "bias_ih_l0", layout.inputBiasOffset(0, 0), bih, rows);
        view(ctx, "bias_hh_l0", layout.recurrentBiasOffset(0, 0), new float[rows], rows);
        return out;
    }

    @Override
    protected List<long[]> outputShapesFor(List<long[]> in) {
        long[] x = in.getFirst();
        requireRank(x, 2, "a sequence [batch, time, features]");
        if (plan == null) features(x);
        else features(x, plan.descriptor().inputSize());
        for (int i = 1; i < in.size(); i++) {
            if (in.get(i).length != 1 || in.get(i)[0] != units) {
                throw new IllegalArgumentException("initial state " + i + " of " + name() + " must be [batch, " + units + "]");
            }
        }
        List<long[]> out = new ArrayList<>();
        out.add(returnSequences ? new long[] {x[0], units} : new long[] {units});
        for (int i = 1; i < outputCount(); i++) out.add(new long[] {units});
        return out;
    }

    private void view(BuildContext ctx, String local, long offset, float[] init, long... shape) {
        long n = dev.rnn4j.tensor.Shapes.elementCount(shape);
        Tensor value = weights.slice(0, offset, offset + n).reshape(shape);
        ctx.upload(init, value);
        Parameter p = new Parameter(name() + "." + local, value, weightGrad.slice(0, offset, offset + n).reshape(shape), true);
        views.add(p);
        addParameter(p);
    }

    @Override
    protected List<Variable> forward(GradientTape tape, List<Variable> inputs) {
        Variable x = inputs.getFirst();
        requireRank(x, 3, "a float sequence [batch, time, features]");
        int[] lengths = x.seqLengths();
        if (goBackwards) x = GatherOps.reverseTime(tape, x, lengths);
        for (Parameter p : views) tape.param(p);
        RecurrentStates carry = tape.states() != null ? tape.states() : stateful ? carried : null;
        Variable h0 = inputs.size() > 1 ? inputs.get(1) : carriedState(tape, carry, 0, x);
        Variable c0 = inputs.size() > 2 ? inputs.get(2) : carriedState(tape, carry, 1, x);
        RecurrentOps.Result r;
        if (tape.training() && dropout > 0) x = RecurrentDropout.onInputs(tape, x, dropout);
        if (tape.training() && recurrentDropout > 0) {
            Tensor stateMask = RecurrentDropout.mask(tape, recurrentDropout, x.dim(0), units);
            r = RecurrentStepOps.run(tape, mode, x, lengths, views.stream().map(tape::param).toList(), h0, c0, stateMask);
        } else {
            r = RecurrentOps.run(tape, plan, x, lengths, weights, views.getFirst().trainable() ? weightGrad : null, h0, c0);
        }
        if (carry != null) store(tape, carry, r);
        List<Variable> out = new ArrayList<>();
        out.add(returnSequences ? r.sequence() : r.lastH());
        if (returnState) {
            out.add(r.lastH());
            if (r.lastC() != null) out.add(r.lastC());
        }
        return out;
    }

    private Variable carriedState(GradientTape tape, RecurrentStates carry, int which, Variable x) {
        if (carry == null || carry.get(this) == null || which >= carry.get(this).size()) return null;
        Tensor s = carry.get(this).get(which);
        if (s.dim(0) != x.dim(0)) {
            throw new IllegalStateException("layer " + name() + " carries state for batch " + s.dim(0) + " but got batch " + x.dim(0)
                    + "; stateful layers need a fixed batch size (call resetStates() to start over)");
        }
        Tensor snapshot = tape.allocate(s.shape());
        tape.backend().copy(s, snapshot);
        return tape.constant(snapshot);
    }

    private void store(GradientTape tape, RecurrentStates carry, RecurrentOps.Result r) {
        List<Variable> finals = r.lastC() == null ? List.of(r.lastH()) : List.of(r.lastH(), r.lastC());
        List<Tensor> old = carry.get(this);
        List<Tensor> kept = new ArrayList<>();
        for (int i = 0; i < finals.size(); i++) {
            Tensor src = finals.get(i).value();
            Tensor dst = old != null && i < old.size() && java.util.Arrays.equals(old.get(i).shape(), src.shape())
                    ? old.get(i) : tape.backend().allocate(carry.scope(), src.dtype(), src.shape());
            tape.backend().copy(src, dst);
            kept.add(dst);
        }
        carry.put(this, kept);
    }

    @Override
    public void resetStates() {
        carried.reset();
    }

    @Override
    public void release() {
        carried.close();
        if (plan != null) plan.close();
    }
}

package dev.rnn4j.model.layers;

import dev.rnn4j.model.BuildContext;
import dev.rnn4j.model.GradientTape;
import dev.rnn4j.model.Parameter;
import dev.rnn4j.model.RecurrentStates;
import dev.rnn4j.model.SequenceMask;
import dev.rnn4j.model.Variable;
import dev.rnn4j.model.ops.ElementwiseOps;
import dev.rnn4j.model.ops.GatherOps;
import dev.rnn4j.model.ops.RecurrentDropout;
import dev.rnn4j.model.ops.RecurrentOps;
import dev.rnn4j.model.ops.RecurrentStepOps;
import dev.rnn4j.rnn.RnnBiasMode;
import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.rnn.RnnMode;
import dev.rnn4j.rnn.RnnPlan;
import dev.rnn4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * LSTM, GRU (cuDNN's variant, Keras reset_after=True) and SimpleRNN (tanh or relu) on the backend's RNN
 * primitive. Input [B, T, F] (its mask, padded after or before the data, tells which steps are read); optional
 * initial states as extra inputs ([x, h0] or [x, h0, c0]). Output: the sequence [B, T, units] with
 * {@code returnSequences} (carrying the input's mask), else the last output [B, units]; with {@code returnState}
 * also h (and c), the state after the last valid step. {@code stateful} carries the final state of a batch into
 * the next (same batch size) until {@link #resetStates()}. In training, {@code dropout} and
 * {@code recurrentDropout} are Keras': one inverted-dropout mask per sequence on the inputs [B, F] and one on the
 * state [B, units], drawn from the tape's seed and used at every step (the masked state enters only the recurrent
 * product R·h; the state carried on is not masked). Input dropout alone keeps the fused RNN primitive (the inputs
 * are masked first); recurrent dropout cannot run in the fused primitive (cuDNN has no such option) and takes
 * {@link RecurrentStepOps}, a step-by-step path of GEMMs and pointwise ops that every backend runs, as Keras
 * falls back from its cuDNN kernel.
 *
 * <p>How masked steps and {@code goBackwards} shape the output sequence is {@link #maskSemantics}: rnn4j's own
 * (the default) or Keras' (for imported models; see {@link MaskSemantics}). {@code maskInput(false)} reads every
 * step whatever the mask says (Keras 3 does so for an RNN called with {@code initial_state}).
 *
 * <p>Parameters (PyTorch names, views of one flat weight space in the plan's layout): weight_ih_l0
 * [gates·units, F], weight_hh_l0 [gates·units, units] and the biases the {@link #biasMode} has, bias_ih_l0 and
 * bias_hh_l0 [gates·units] (default: both; Keras' LSTM and SimpleRNN have one, {@code SINGLE_INP_BIAS}).
 */
public final class Recurrent extends AbstractLayer {

    /** What a recurrent layer outputs at masked steps, and in which order {@code goBackwards} writes its outputs. */
    public enum MaskSemantics {
        /**
         * rnn4j's: padding steps are skipped and output zeros; {@code goBackwards} reads each row from its last valid
         * step to its first and writes those outputs over the row's valid positions, first output first.
         */
        RNN4J,
        /**
         * Keras' RNN with {@code zero_output_for_mask=True}: {@code go_backwards} reverses the whole time axis, padding
         * included; masked steps keep the state and output zeros; outputs stay in reading order; the output sequence
         * carries the input's mask (as Keras' does, even reversed) and the last output is the one of the last step read.
         */
        KERAS_ZERO_OUTPUT,
        /**
         * Keras' RNN with {@code zero_output_for_mask=False}, its default for a stand-alone layer: as
         * {@link #KERAS_ZERO_OUTPUT}, but a masked step repeats the previous output (zeros before the first valid step).
         */
        KERAS_REPEAT_OUTPUT
    }

    private final RnnMode mode;
    private final int units;
    private boolean returnSequences;
    private boolean returnState;
    private boolean goBackwards;
    private boolean stateful;
    private float dropout;
    private float recurrentDropout;
    private RnnBiasMode biasMode = RnnBiasMode.DOUBLE_BIAS;
    private MaskSemantics maskSemantics = MaskSemantics.RNN4J;
    private boolean maskInput = true;
    private RnnDescriptor descriptor;
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

    /** The biases of each gate (default DOUBLE_BIAS, PyTorch's bias_ih and bias_hh; NO_BIAS is Keras' use_bias=False). */
    public Recurrent biasMode(RnnBiasMode m) {
        requireNotBuilt();
        biasMode = java.util.Objects.requireNonNull(m, "bias mode");
        return this;
    }

    public Recurrent maskSemantics(MaskSemantics s) {
        requireNotBuilt();
        maskSemantics = java.util.Objects.requireNonNull(s, "mask semantics");
        return this;
    }

    /** false: the input's mask is not applied (every step is read); the output sequence still carries it. */
    public Recurrent maskInput(boolean v) {
        requireNotBuilt();
        maskInput = v;
        return this;
    }

    public RnnMode mode() {
        return mode;
    }

    public RnnBiasMode biasMode() {
        return biasMode;
    }

    public MaskSemantics maskSemantics() {
        return maskSemantics;
    }

    public boolean maskInput() {
        return maskInput;
    }

    public boolean returnState() {
        return returnState;
    }

    public boolean stateful() {
        return stateful;
    }

    /** The RNN this layer runs (after build): mode, input width, units and bias mode, one layer, one direction. */
    public RnnDescriptor descriptor() {
        if (descriptor == null) throw new IllegalStateException("layer " + name() + " is not built");
        return descriptor;
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
                .dropout(dropout).recurrentDropout(recurrentDropout).biasMode(biasMode).maskSemantics(maskSemantics).maskInput(maskInput);
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
                "dropout", dropout, "recurrent_dropout", recurrentDropout, "bias_mode", biasMode.name(), "mask_semantics", maskSemantics.name(),
                "mask_input", maskInput);
    }

    /** Dropout rates missing from a config (written before they existed) are 0. */
    static Recurrent fromConfig(RnnMode mode, Map<String, Object> c) {
        Recurrent r = new Recurrent(mode, Configs.i(c, "units")).returnSequences(Configs.b(c, "return_sequences")).returnState(Configs.b(c, "return_state"))
                .goBackwards(Configs.b(c, "go_backwards")).stateful(Configs.b(c, "stateful"))
                .dropout(Configs.f(c, "dropout", 0f)).recurrentDropout(Configs.f(c, "recurrent_dropout", 0f));
        // checkpoints written before these options existed lack them: the defaults are what those layers did
        if (c.containsKey("bias_mode")) r.biasMode(Configs.enumValue(RnnBiasMode.class, c, "bias_mode"));
        if (c.containsKey("mask_semantics")) r.maskSemantics(Configs.enumValue(MaskSemantics.class, c, "mask_semantics"));
        if (c.containsKey("mask_input")) r.maskInput(Configs.b(c, "mask_input"));
        return r;
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
        if (recurrentDropout > 0 && biasMode != RnnBiasMode.DOUBLE_BIAS) {
            throw new IllegalArgumentException("layer " + name() + ": recurrent_dropout runs the step-by-step path, which needs both biases"
                    + " (bias mode DOUBLE_BIAS), not " + biasMode);
        }
        RnnDescriptor desc = new RnnDescriptor(mode, 1, false, features, units, biasMode, 0f, 0L);
        // the flat weight space: W [gates*units, features], R [gates*units, units] and the bias mode's biases
        ctx.reserve(name() + " weights", desc.weightLayout().size());
        descriptor = desc;
        plan = ctx.backend().rnn(desc);
        var layout = desc.weightLayout();
        weights = ctx.allocate(layout.size());
        weightGrad = ctx.allocate(layout.size());
        int rows = layout.gateRows();
        var rng = ctx.random(name());
        float[] w = Init.glorotUniform(rng, rows, features);
        float[] r = Init.orthogonal(rng, rows, units);
        float[] forgetOne = new float[rows];
        if (mode == RnnMode.LSTM) java.util.Arrays.fill(forgetOne, units, 2 * units, 1f);
        view(ctx, "weight_ih_l0", layout.inputWeightOffset(0, 0), w, rows, features);
        view(ctx, "weight_hh_l0", layout.recurrentWeightOffset(0, 0), r, rows, units);
        if (biasMode.hasInputBias()) view(ctx, "bias_ih_l0", layout.inputBiasOffset(0, 0), forgetOne, rows);
        if (biasMode.hasRecurrentBias()) view(ctx, "bias_hh_l0", layout.recurrentBiasOffset(0, 0), biasMode.hasInputBias() ? new float[rows] : forgetOne, rows);
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
        if (x.hasMask()) x.mask().check((int) x.dim(0), (int) x.dim(1), "layer " + name());
        for (Parameter p : views) tape.param(p);
        RecurrentStates carry = tape.states() != null ? tape.states() : stateful ? carried : null;
        Variable h0 = inputs.size() > 1 ? inputs.get(1) : carriedState(tape, carry, 0, x);
        Variable c0 = inputs.size() > 2 ? inputs.get(2) : carriedState(tape, carry, 1, x);
        SequenceMask read = maskInput ? x.mask() : null;
        Variable sequence;
        Variable last;
        RecurrentOps.Result r;
        if (maskSemantics == MaskSemantics.RNN4J) {
            r = run(tape, x, read, goBackwards, h0, c0);
            sequence = r.sequence();
            last = r.lastH();
        } else {
            // Keras: go_backwards reverses the whole time axis (padding included), then the rows are read forwards
            Variable input = goBackwards ? GatherOps.reverseTime(tape, x, null) : x;
            SequenceMask readOrder = goBackwards && read != null ? read.reversed() : read;
            r = run(tape, input, readOrder, false, h0, c0);
            sequence = r.sequence();
            if (maskSemantics == MaskSemantics.KERAS_REPEAT_OUTPUT && readOrder != null && !readOrder.prePadded()) {
                sequence = GatherOps.repeatLastValid(tape, sequence, readOrder, readOrder);
            }
            last = GatherOps.step(tape, sequence, (int) x.dim(1) - 1);
        }
        if (carry != null) store(tape, carry, r);
        List<Variable> out = new ArrayList<>();
        // the sequence carries the input's mask; a view only when it carries another (saves a gradient pass over [B, T, units])
        boolean sameMask = java.util.Objects.equals(sequence.mask(), x.mask());
        out.add(!returnSequences ? last : sameMask ? sequence : ElementwiseOps.reshape(tape, sequence, x.mask(), sequence.shape()));
        if (returnState) {
            out.add(r.lastH());
            if (r.lastC() != null) out.add(r.lastC());
        }
        return out;
    }

    /**
     * Runs the RNN over each row's valid steps ({@code mask}; null: all), read backwards with {@code reverse}; the
     * outputs lie at the row's valid positions (first output first), zeros elsewhere.
     */
    private RecurrentOps.Result run(GradientTape tape, Variable x, SequenceMask mask, boolean reverse, Variable h0, Variable c0) {
        Variable input = mask == null ? x : GatherOps.validStepsFirst(tape, ElementwiseOps.reshape(tape, x, mask, x.shape()));
        int[] lengths = mask == null ? null : mask.lengths();
        if (reverse) input = GatherOps.reverseTime(tape, input, lengths == null ? null : SequenceMask.post(lengths));
        if (tape.training() && dropout > 0) input = RecurrentDropout.onInputs(tape, input, dropout);
        RecurrentOps.Result r;
        if (tape.training() && recurrentDropout > 0) {
            Tensor stateMask = RecurrentDropout.mask(tape, recurrentDropout, input.dim(0), units);
            r = RecurrentStepOps.run(tape, mode, input, lengths, views.stream().map(tape::param).toList(), h0, c0, stateMask);
        } else {
            r = RecurrentOps.run(tape, plan, input, lengths, weights, views.getFirst().trainable() ? weightGrad : null, h0, c0);
        }
        if (mask == null || !mask.prePadded()) return r;
        return new RecurrentOps.Result(GatherOps.placeValidSteps(tape, r.sequence(), mask), r.lastH(), r.lastC());
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

package dev.rnn4j.model.layers;

import dev.rnn4j.model.BuildContext;
import dev.rnn4j.model.GradientTape;
import dev.rnn4j.model.Parameter;
import dev.rnn4j.model.SequenceMask;
import dev.rnn4j.model.Variable;
import dev.rnn4j.model.ops.GatherOps;
import dev.rnn4j.model.ops.HostData;
import dev.rnn4j.tensor.DType;

import java.util.List;
import java.util.Map;

/**
 * Token ids [B, T] → vectors [B, T, outputDim]; parameter "weight" [inputDim, outputDim] (PyTorch's name).
 * Ids are checked against the vocabulary before the lookup. With {@code maskZero}, id 0 is padding and the
 * output carries the mask ({@link SequenceMask}): padding after the tokens (pad_sequences padding='post') or
 * before them ('pre', pad_sequences' default), the same side in every row of a batch. A 0 between tokens (or
 * zeros on both sides of a row's tokens) is rejected, because a one-sided mask cannot express it. A row of only
 * padding has length 0.
 */
public final class Embedding extends AbstractLayer {

    private final int inputDim;
    private final int outputDim;
    private boolean maskZero;
    private Parameter weight;

    public Embedding(int inputDim, int outputDim) {
        super("embedding");
        if (inputDim < 1 || outputDim < 1) throw new IllegalArgumentException("Embedding needs inputDim and outputDim >= 1, got " + inputDim + ", " + outputDim);
        this.inputDim = inputDim;
        this.outputDim = outputDim;
    }

    public Embedding maskZero(boolean m) {
        requireNotBuilt();
        this.maskZero = m;
        return this;
    }

    public boolean maskZero() {
        return maskZero;
    }

    public int inputDim() {
        return inputDim;
    }

    @Override
    public String type() {
        return "Embedding";
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("input_dim", inputDim, "output_dim", outputDim, "mask_zero", maskZero);
    }

    static Embedding fromConfig(Map<String, Object> c) {
        return new Embedding(Configs.i(c, "input_dim"), Configs.i(c, "output_dim")).maskZero(Configs.b(c, "mask_zero"));
    }

    @Override
    protected List<long[]> buildFor(BuildContext ctx, List<long[]> in) {
        List<long[]> out = outputShapesFor(in);
        weight = addParameter(ctx, "weight", () -> Init.uniform(ctx.random(name()), inputDim * outputDim, 0.05), inputDim, outputDim);
        return out;
    }

    @Override
    protected List<long[]> outputShapesFor(List<long[]> in) {
        requireRank(in.getFirst(), 1, "token ids [batch, time]");
        return List.of(new long[] {in.getFirst()[0], outputDim});
    }

    @Override
    protected List<Variable> forward(GradientTape tape, List<Variable> inputs) {
        Variable ids = inputs.getFirst();
        if (ids.value().dtype() != DType.INT32) throw new IllegalArgumentException("Embedding " + name() + " needs int32 token ids, got " + ids.value().describe());
        requireRank(ids, 2, "token ids [batch, time]");
        int b = (int) ids.dim(0), t = (int) ids.dim(1);
        int[] host = HostData.ints(tape.backend(), ids.value());
        for (int i = 0; i < host.length; i++) {
            if (host[i] < 0 || host[i] >= inputDim) {
                throw new IndexOutOfBoundsException("token id " + host[i] + " at [" + i / t + ", " + i % t + "] is outside the vocabulary [0, " + inputDim
                        + ") of Embedding " + name());
            }
        }
        SequenceMask mask = maskZero
                ? SequenceMask.fromPadding(b, t, (r, s) -> host[r * t + s] == 0, "Embedding " + name() + " (mask_zero: id 0 is padding)")
                : ids.mask();
        return List.of(GatherOps.embedding(tape, tape.param(weight), ids.value(), mask));
    }
}

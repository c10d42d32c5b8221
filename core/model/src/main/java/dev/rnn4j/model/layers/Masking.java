package dev.rnn4j.model.layers;

import dev.rnn4j.model.BuildContext;
import dev.rnn4j.model.GradientTape;
import dev.rnn4j.model.SequenceMask;
import dev.rnn4j.model.Variable;
import dev.rnn4j.model.ops.ElementwiseOps;
import dev.rnn4j.model.ops.HostData;

import java.util.List;
import java.util.Map;

/**
 * Keras' Masking: time steps whose features all equal {@code maskValue} are padding; the output is the input with
 * those steps set to zero, carrying the mask ({@link SequenceMask}). As with Embedding's mask_zero, the padding
 * lies on one side of each row's data (after or before it, the same side in every row); a masked step between
 * data steps is rejected.
 */
public final class Masking extends AbstractLayer {

    private final float maskValue;

    public Masking(float maskValue) {
        super("masking");
        this.maskValue = maskValue;
    }

    @Override
    public String type() {
        return "Masking";
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("mask_value", maskValue);
    }

    @Override
    protected List<long[]> buildFor(BuildContext ctx, List<long[]> in) {
        return outputShapesFor(in);
    }

    @Override
    protected List<long[]> outputShapesFor(List<long[]> in) {
        requireRank(in.getFirst(), 2, "a sequence [batch, time, features]");
        return List.of(in.getFirst().clone());
    }

    @Override
    protected List<Variable> forward(GradientTape tape, List<Variable> inputs) {
        Variable x = inputs.getFirst();
        requireRank(x, 3, "a sequence [batch, time, features]");
        int b = (int) x.dim(0), t = (int) x.dim(1), f = (int) x.dim(2);
        float[] v = HostData.floats(tape.backend(), x.value());
        float[] keep = new float[v.length];
        SequenceMask mask = SequenceMask.fromPadding(b, t, (r, s) -> {
            for (int k = 0; k < f; k++) if (v[(r * t + s) * f + k] != maskValue) return false;
            return true;
        }, "Masking " + name() + " (mask_value " + maskValue + ")");
        for (int r = 0; r < b; r++) {
            for (int s = 0; s < t; s++) {
                if (mask.valid(r, s, t)) java.util.Arrays.fill(keep, (r * t + s) * f, (r * t + s + 1) * f, 1f);
            }
        }
        Variable zeroed = ElementwiseOps.multiplyByConstant(tape, x, HostData.upload(tape, keep, x.shape()));
        return List.of(ElementwiseOps.reshape(tape, zeroed, mask, x.shape()));
    }
}

package dev.rnn4j.model.layers;

import dev.rnn4j.model.BuildContext;
import dev.rnn4j.model.GradientTape;
import dev.rnn4j.model.Variable;
import dev.rnn4j.model.ops.ElementwiseOps;
import dev.rnn4j.model.ops.HostData;

import java.util.List;
import java.util.Map;

/**
 * Marks time steps whose features all equal {@code maskValue} as padding: the output is the input with a mask
 * (per-row lengths). Like Embedding's mask_zero, padding must follow the data (post-padding); a masked step
 * before an unmasked one is rejected.
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
        int[] lengths = new int[b];
        for (int r = 0; r < b; r++) {
            int len = 0;
            boolean gap = false;
            for (int s = 0; s < t; s++) {
                boolean masked = true;
                for (int k = 0; k < f && masked; k++) masked = v[(r * t + s) * f + k] == maskValue;
                if (!masked) {
                    if (gap) throw new IllegalArgumentException("Masking " + name() + ": row " + r + " has a masked step before step " + s
                            + "; padding must come after the data (padding='post')");
                    len = s + 1;
                } else {
                    gap = true;
                }
            }
            lengths[r] = len;
        }
        return List.of(ElementwiseOps.reshape(tape, x, lengths, x.shape()));
    }
}

package dev.rnn4j.model;

import dev.rnn4j.tensor.Tensor;

import java.util.Arrays;

/**
 * A value computed inside a {@link GradientTape}: a tensor on the tape's device, its gradient (allocated when
 * the first gradient flows into it) and, for sequence batches, the mask as per-sequence lengths
 * ({@code seqLengths[b]} valid steps at the start of row b; the rest is padding).
 */
public final class Variable {

    private final GradientTape tape;
    private final Tensor value;
    private final boolean requiresGrad;
    private final int[] seqLengths;
    private Tensor grad;

    Variable(GradientTape tape, Tensor value, boolean requiresGrad, int[] seqLengths, Tensor grad) {
        this.tape = tape;
        this.value = value;
        this.requiresGrad = requiresGrad;
        this.seqLengths = seqLengths == null ? null : seqLengths.clone();
        this.grad = grad;
    }

    public Tensor value() {
        return value;
    }

    public long[] shape() {
        return value.shape();
    }

    public long dim(int axis) {
        return value.dim(axis);
    }

    public int rank() {
        return value.rank();
    }

    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** Per-sequence valid lengths (the mask), or null when every step is valid. */
    public int[] seqLengths() {
        return seqLengths == null ? null : seqLengths.clone();
    }

    public boolean hasMask() {
        return seqLengths != null;
    }

    /** The gradient, or null when none has flowed here (yet). */
    public Tensor grad() {
        return grad;
    }

    /** The gradient buffer, allocated (zeros) on first use; ops add their contributions into it. */
    public Tensor gradBuffer() {
        if (!requiresGrad) throw new IllegalStateException("variable " + value.describe() + " does not require a gradient");
        if (grad == null) grad = tape.allocate(value.shape());
        return grad;
    }

    GradientTape tape() {
        return tape;
    }

    @Override
    public String toString() {
        return "Variable(" + value.describe() + (seqLengths == null ? "" : ", seqLengths=" + Arrays.toString(seqLengths)) + ")";
    }
}

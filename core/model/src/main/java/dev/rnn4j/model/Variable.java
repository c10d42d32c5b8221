package dev.rnn4j.model;

import dev.rnn4j.tensor.Tensor;

/**
 * A value computed inside a {@link GradientTape}: a tensor on the tape's device, its gradient (allocated when
 * the first gradient flows into it) and, for sequence batches, the mask ({@link SequenceMask}: per-row lengths,
 * padded after or before the valid steps).
 */
public final class Variable {

    private final GradientTape tape;
    private final Tensor value;
    private final boolean requiresGrad;
    private final SequenceMask mask;
    private Tensor grad;

    Variable(GradientTape tape, Tensor value, boolean requiresGrad, SequenceMask mask, Tensor grad) {
        this.tape = tape;
        this.value = value;
        this.requiresGrad = requiresGrad;
        this.mask = mask;
        this.grad = grad;
    }

    /** The value; on a closed {@linkplain GradientTape#isStepTape() step tape} an IllegalStateException (its memory is reused). */
    public Tensor value() {
        tape.checkAccess();
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

    /**
     * Per-sequence valid lengths of a post-padded mask, or null when every step is valid. A pre-padded mask
     * (valid steps at the end of each row) is an error here: ops that read {@link #mask()} handle both sides.
     */
    public int[] seqLengths() {
        if (mask == null) return null;
        if (mask.prePadded()) {
            throw new UnsupportedOperationException("this operation needs padding after the data (padding='post'), but " + value.describe()
                    + " is pre-padded (" + mask + ")");
        }
        return mask.lengths();
    }

    /** The mask, or null when every step is valid. */
    public SequenceMask mask() {
        return mask;
    }

    public boolean hasMask() {
        return mask != null;
    }

    /** The gradient, or null when none has flowed here (yet). */
    public Tensor grad() {
        tape.checkAccess();
        return grad;
    }

    /** The gradient buffer, allocated (zeros) on first use; ops add their contributions into it. */
    public Tensor gradBuffer() {
        if (!requiresGrad) throw new IllegalStateException("variable " + value.describe() + " does not require a gradient");
        tape.checkAccess();
        if (grad == null) grad = tape.allocate(value.shape());
        return grad;
    }

    GradientTape tape() {
        return tape;
    }

    @Override
    public String toString() {
        return "Variable(" + value.describe() + (mask == null ? "" : ", mask " + mask) + ")";
    }
}

package dev.rnn4j.model.ops;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.model.GradientTape;
import dev.rnn4j.model.SequenceMask;
import dev.rnn4j.model.Variable;
import dev.rnn4j.tensor.Tensor;

/**
 * Row gathers through the backend's embedding kernels: an embedding lookup, and any row permutation or
 * repetition of a float tensor (time reversal, moving a row's valid steps to its start or end, broadcasting over
 * time, im2col), each with its scatter-add backward.
 */
public final class GatherOps {

    private GatherOps() {
    }

    /** table [V, E], int32 ids [...] → [..., E]; the output carries {@code mask}. */
    public static Variable embedding(GradientTape tape, Variable table, Tensor ids, SequenceMask mask) {
        Backend backend = tape.backend();
        long[] idShape = ids.shape();
        long[] shape = java.util.Arrays.copyOf(idShape, idShape.length + 1);
        shape[idShape.length] = table.dim(1);
        Tensor out = tape.allocateForOverwrite(shape); // the gather writes every row
        backend.embeddingGather(table.value(), ids, out);
        Variable result = tape.result(out, mask, table);
        tape.onBackward(() -> {
            if (result.grad() == null || !table.requiresGrad()) return;
            backend.embeddingScatterAdd(result.grad(), ids, table.gradBuffer());
        });
        return result;
    }

    /**
     * Rows of x viewed as [rows, F] (F = last dim) picked by {@code rowIds} (host ints, length = output rows):
     * the output has shape {@code outShape} (its last dim F) and carries {@code mask}.
     */
    public static Variable rows(GradientTape tape, Variable x, int[] rowIds, SequenceMask mask, long... outShape) {
        long f = x.dim(x.rank() - 1);
        if (outShape[outShape.length - 1] != f) throw new IllegalArgumentException("gather keeps the last dimension " + f);
        long rows = x.value().elementCount() / f;
        for (int i = 0; i < rowIds.length; i++) {
            if (rowIds[i] < 0 || rowIds[i] >= rows) throw new IndexOutOfBoundsException("row " + rowIds[i] + " at " + i + " outside [0, " + rows + ")");
        }
        Tensor ids = HostData.uploadInts(tape, rowIds, rowIds.length);
        Variable table = ElementwiseOps.reshape(tape, x, null, rows, f);
        Variable flat = embedding(tape, table, ids, null);
        return ElementwiseOps.reshape(tape, flat, mask, outShape);
    }

    /**
     * Reverses each row of x [B, T, F] within its valid steps ({@code mask}; null: the whole row); padding stays
     * in place and the output carries {@code mask}.
     */
    public static Variable reverseTime(GradientTape tape, Variable x, SequenceMask mask) {
        int b = (int) x.dim(0), t = (int) x.dim(1);
        if (mask != null) mask.check(b, t, "reverseTime");
        int[] ids = new int[b * t];
        for (int i = 0; i < b; i++) {
            int first = mask == null ? 0 : mask.firstValid(i, t);
            int len = mask == null ? t : mask.length(i);
            for (int s = 0; s < t; s++) {
                boolean valid = s >= first && s < first + len;
                ids[i * t + s] = i * t + (valid ? first + len - 1 - (s - first) : s);
            }
        }
        return rows(tape, x, ids, mask, x.shape());
    }

    /**
     * x [B, T, F] with a pre-padded mask as the same rows with their valid steps moved to the start (the padding
     * after them), carrying the post-padded mask of the same lengths; x itself when its mask is post-padded or absent.
     */
    public static Variable validStepsFirst(GradientTape tape, Variable x) {
        SequenceMask mask = x.mask();
        if (mask == null || !mask.prePadded()) return x;
        int t = (int) x.dim(1);
        mask.check((int) x.dim(0), t, "validStepsFirst");
        return rotate(tape, x, i -> t - mask.length(i), SequenceMask.post(mask.lengths()));
    }

    /**
     * The inverse of {@link #validStepsFirst}: y [B, T, F] whose valid steps come first (lengths of {@code mask})
     * with those steps placed where {@code mask} has them; the output carries {@code mask}.
     */
    public static Variable placeValidSteps(GradientTape tape, Variable y, SequenceMask mask) {
        if (mask == null || !mask.prePadded()) return ElementwiseOps.reshape(tape, y, mask, y.shape());
        int t = (int) y.dim(1);
        mask.check((int) y.dim(0), t, "placeValidSteps");
        return rotate(tape, y, i -> mask.length(i), mask);
    }

    /** out[b, s] = x[b, (s + shift(b)) mod T]. */
    private static Variable rotate(GradientTape tape, Variable x, java.util.function.IntUnaryOperator shift, SequenceMask outMask) {
        int b = (int) x.dim(0), t = (int) x.dim(1);
        int[] ids = new int[b * t];
        for (int i = 0; i < b; i++) {
            int k = Math.floorMod(shift.applyAsInt(i), t);
            for (int s = 0; s < t; s++) ids[i * t + s] = i * t + (s + k) % t;
        }
        return rows(tape, x, ids, outMask, x.shape());
    }

    /**
     * y [B, T, F] whose valid steps come first (post-padded {@code mask}): each padding step repeats the row's last
     * valid step (a row without valid steps repeats its step 0); the output carries {@code outMask}.
     */
    public static Variable repeatLastValid(GradientTape tape, Variable y, SequenceMask mask, SequenceMask outMask) {
        int b = (int) y.dim(0), t = (int) y.dim(1);
        mask.check(b, t, "repeatLastValid");
        if (mask.prePadded()) throw new IllegalArgumentException("repeatLastValid needs valid steps first, got a " + mask + " mask");
        int[] ids = new int[b * t];
        for (int i = 0; i < b; i++) {
            int last = Math.max(mask.length(i) - 1, 0);
            for (int s = 0; s < t; s++) ids[i * t + s] = i * t + Math.min(s, last);
        }
        return rows(tape, y, ids, outMask, y.shape());
    }

    /** Step {@code step} of every row of x [B, T, F] as [B, F], without a mask. */
    public static Variable step(GradientTape tape, Variable x, int step) {
        int b = (int) x.dim(0), t = (int) x.dim(1);
        if (step < 0 || step >= t) throw new IndexOutOfBoundsException("step " + step + " outside [0, " + t + ")");
        int[] ids = new int[b];
        for (int i = 0; i < b; i++) ids[i] = i * t + step;
        return rows(tape, x, ids, null, b, x.dim(2));
    }
}

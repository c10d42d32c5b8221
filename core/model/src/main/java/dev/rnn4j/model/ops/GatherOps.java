package dev.rnn4j.model.ops;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.model.GradientTape;
import dev.rnn4j.model.Variable;
import dev.rnn4j.tensor.Tensor;

/**
 * Row gathers through the backend's embedding kernels: an embedding lookup, and any row permutation or
 * repetition of a float tensor (time reversal, broadcasting over time, im2col), each with its scatter-add backward.
 */
public final class GatherOps {

    private GatherOps() {
    }

    /** table [V, E], int32 ids [...] → [..., E]; the output carries {@code seqLengths}. */
    public static Variable embedding(GradientTape tape, Variable table, Tensor ids, int[] seqLengths) {
        Backend backend = tape.backend();
        long[] idShape = ids.shape();
        long[] shape = java.util.Arrays.copyOf(idShape, idShape.length + 1);
        shape[idShape.length] = table.dim(1);
        Tensor out = tape.allocate(shape);
        backend.embeddingGather(table.value(), ids, out);
        Variable result = tape.result(out, seqLengths, table);
        tape.onBackward(() -> {
            if (result.grad() == null || !table.requiresGrad()) return;
            backend.embeddingScatterAdd(result.grad(), ids, table.gradBuffer());
        });
        return result;
    }

    /**
     * Rows of x viewed as [rows, F] (F = last dim) picked by {@code rowIds} (host ints, length = output rows):
     * the output has shape {@code outShape} (its last dim F).
     */
    public static Variable rows(GradientTape tape, Variable x, int[] rowIds, int[] seqLengths, long... outShape) {
        long f = x.dim(x.rank() - 1);
        if (outShape[outShape.length - 1] != f) throw new IllegalArgumentException("gather keeps the last dimension " + f);
        long rows = x.value().elementCount() / f;
        for (int i = 0; i < rowIds.length; i++) {
            if (rowIds[i] < 0 || rowIds[i] >= rows) throw new IndexOutOfBoundsException("row " + rowIds[i] + " at " + i + " outside [0, " + rows + ")");
        }
        Tensor ids = HostData.uploadInts(tape, rowIds, rowIds.length);
        Variable table = ElementwiseOps.reshape(tape, x, null, rows, f);
        Variable flat = embedding(tape, table, ids, null);
        return ElementwiseOps.reshape(tape, flat, seqLengths, outShape);
    }

    /** Reverses each row of x [B, T, F] within its length (padding stays in place). */
    public static Variable reverseTime(GradientTape tape, Variable x, int[] seqLengths) {
        int b = (int) x.dim(0), t = (int) x.dim(1);
        int[] ids = new int[b * t];
        for (int i = 0; i < b; i++) {
            int len = seqLengths == null ? t : seqLengths[i];
            for (int s = 0; s < t; s++) ids[i * t + s] = i * t + (s < len ? len - 1 - s : s);
        }
        return rows(tape, x, ids, seqLengths, x.shape());
    }
}

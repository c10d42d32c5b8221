package dev.rnn4j.model.train;

import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;

import java.lang.foreign.MemorySegment;

/** Row selection from host data tensors [N, ...] into batch tensors. */
final class Batches {

    private Batches() {
    }

    static void requireHostData(Tensor t, String what) {
        if (t == null) throw new IllegalArgumentException(what + " is null");
        t.requireAlive();
        if (!t.device().isHost()) throw new IllegalArgumentException(what + " must be a host tensor, got " + t.describe());
        if (t.rank() < 1) throw new IllegalArgumentException(what + " must have a batch dimension, got " + t.describe());
        if (t.dim(0) < 1) throw new IllegalArgumentException("empty data: " + what + " is " + t.describe());
        if (!t.isContiguous()) throw new IllegalArgumentException(what + " must be contiguous, got strides " + java.util.Arrays.toString(t.strides()));
    }

    /** Rows {@code rows[0..count)} of x as a new contiguous tensor in {@code scope}. */
    static Tensor gather(TensorScope scope, Tensor x, int[] rows, int from, int count) {
        long[] shape = x.shape();
        shape[0] = count;
        Tensor out = scope.allocate(x.dtype(), shape);
        long rowBytes = x.elementCount() / x.dim(0) * x.dtype().byteSize();
        MemorySegment src = x.segment();
        MemorySegment dst = out.segment();
        for (int i = 0; i < count; i++) {
            MemorySegment.copy(src, x.byteOffset() + rows[from + i] * rowBytes, dst, out.byteOffset() + i * rowBytes, rowBytes);
        }
        return out;
    }

    static int[] identity(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) r[i] = i;
        return r;
    }
}

package dev.rnn4j.cpu;

import dev.rnn4j.tensor.Tensor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Element addressing of a (possibly strided) host tensor by row-major linear index. Contiguous tensors
 * map index i to {@code offset + i}; other views decompose i over the shape. Capture it after validation.
 */
final class HostView {

    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;

    final MemorySegment segment;
    final long offset;
    final long size;
    final boolean contiguous;
    private final long[] shape;
    private final long[] strides;

    HostView(Tensor t) {
        this.segment = t.segment();
        this.offset = t.offset();
        this.size = t.elementCount();
        this.contiguous = t.isContiguous();
        this.shape = t.shape();
        this.strides = t.strides();
    }

    /** The element index in {@link #segment} of row-major element {@code i}. */
    long index(long i) {
        if (contiguous) return offset + i;
        long off = offset;
        for (int d = shape.length - 1; d >= 0; d--) {
            long extent = shape[d];
            off += (i % extent) * strides[d];
            i /= extent;
        }
        return off;
    }

    float get(long i) {
        return segment.getAtIndex(FLOAT, index(i));
    }

    void set(long i, float value) {
        segment.setAtIndex(FLOAT, index(i), value);
    }

    int getInt(long i) {
        return segment.getAtIndex(INT, index(i));
    }
}

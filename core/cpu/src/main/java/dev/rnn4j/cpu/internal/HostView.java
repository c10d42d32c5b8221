package dev.rnn4j.cpu.internal;

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

    /** The byte offset in {@link #segment} of row-major element {@code i} of a contiguous view. */
    long byteAt(long i) {
        return (offset + i) * Float.BYTES;
    }

    /** Elements per part of {@link #forEachChunk}: large enough that handing a part to a worker pays. */
    static final int CHUNK = 1 << 15;

    /** One range [from, to) of element indices. */
    @FunctionalInterface
    interface Chunk {
        void run(long from, long to);
    }

    /**
     * Runs {@code chunk} over [0, size) in ranges of {@link #CHUNK} elements, spread over {@code threads}
     * when every view's segment is shareable, else in order on this thread. For elementwise work, where
     * no element depends on another, so the result does not depend on the split.
     */
    static void forEachChunk(GemmThreads threads, long size, Chunk chunk, HostView... views) {
        long parts = (size + CHUNK - 1) / CHUNK;
        boolean shareable = parts > 1;
        for (HostView v : views) shareable &= GemmThreads.shareable(v.segment);
        if (shareable && parts <= Integer.MAX_VALUE) {
            threads.forEachPart((int) parts, p -> chunk.run((long) p * CHUNK, Math.min(size, (p + 1L) * CHUNK)));
        } else {
            chunk.run(0, size);
        }
    }

    /** Whether every view is contiguous. */
    static boolean contiguous(HostView... views) {
        for (HostView v : views) {
            if (!v.contiguous) return false;
        }
        return true;
    }
}

package dev.rnn4j.tensor;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * Owns the memory of the tensors allocated in it. Closing the scope frees that memory; any later use of
 * one of its tensors throws {@link IllegalStateException} instead of touching freed memory.
 * Backed by a shared {@link Arena} so that kernels may read the tensors from several threads.
 *
 * <p>Memory handed to another framework (a DLPack export) is kept by a {@link Hold}: {@link #close()} then
 * stops the scope at once (no more allocations, {@link #isAlive()} is false) but frees the memory only when
 * the last hold is released, as the consumer signals it is done.
 */
public final class TensorScope implements AutoCloseable {

    private final Arena arena;
    private int holds;
    private boolean closed;

    private TensorScope(Arena arena) {
        this.arena = arena;
    }

    /** A new scope with its own shared arena. */
    public static TensorScope open() {
        return new TensorScope(Arena.ofShared());
    }

    /** A scope over a caller's arena; closing this scope closes that arena. */
    public static TensorScope of(Arena arena) {
        return new TensorScope(Objects.requireNonNull(arena, "arena"));
    }

    public Arena arena() {
        return arena;
    }

    /** False once {@link #close()} was called (even while holds keep the memory) or the arena was closed. */
    public synchronized boolean isAlive() {
        return !closed && arena.scope().isAlive();
    }

    /** Whether {@code tensor}'s memory has this scope's lifetime (it was allocated in, or attached to, this scope). */
    public boolean owns(Tensor tensor) {
        return tensor != null && tensor.lifetime().equals(arena.scope());
    }

    /**
     * Keeps this scope's memory allocated after {@link #close()} until the returned hold is released. For
     * memory another framework borrows and releases on its own schedule, from any thread.
     */
    public synchronized Hold hold() {
        requireAlive();
        holds++;
        return new Hold();
    }

    /** One reason to keep a closed scope's memory; {@link #close()} releases it, once (later calls do nothing). */
    public final class Hold implements AutoCloseable {
        private boolean released;

        private Hold() {
        }

        @Override
        public void close() {
            synchronized (TensorScope.this) {
                if (released) return;
                released = true;
                holds--;
                if (!closed || holds > 0) return;
            }
            freeMemory();
        }
    }

    /** A zero-filled host tensor. */
    public Tensor allocate(DType dtype, long... shape) {
        Objects.requireNonNull(dtype, "dtype");
        long count = Shapes.elementCount(shape);
        requireAlive();
        MemorySegment segment = arena.allocate(Math.max(1, count) * dtype.byteSize(), 64);
        return Tensor.contiguous(segment, dtype, shape);
    }

    /** A zero-filled host float32 tensor. */
    public Tensor zeros(long... shape) {
        return allocate(DType.FLOAT32, shape);
    }

    /** A host float32 tensor holding a copy of {@code data}. */
    public Tensor fromArray(float[] data, long... shape) {
        requireFills(Objects.requireNonNull(data, "data").length, shape);
        Tensor t = zeros(shape);
        t.copyFrom(data);
        return t;
    }

    /** A host int32 tensor holding a copy of {@code data}. */
    public Tensor fromIntArray(int[] data, long... shape) {
        requireFills(Objects.requireNonNull(data, "data").length, shape);
        Tensor t = allocate(DType.INT32, shape);
        MemorySegment.copy(data, 0, t.segment(), java.lang.foreign.ValueLayout.JAVA_INT, 0, data.length);
        return t;
    }

    /** A host int32 tensor [N, T] of rows of one length (token ids after pad_sequences); a jagged array is rejected naming the row. */
    public Tensor fromIntArray(int[][] rows) {
        long[] shape = Shapes.ofRows(rows);
        Tensor t = allocate(DType.INT32, shape);
        for (int i = 0; i < rows.length; i++) {
            MemorySegment.copy(rows[i], 0, t.segment(), java.lang.foreign.ValueLayout.JAVA_INT, (long) i * shape[1] * 4, rows[i].length);
        }
        return t;
    }

    /** A host float32 tensor [N, F] of rows of one length. */
    public Tensor fromArray(float[][] rows) {
        long[] shape = Shapes.ofRows(rows);
        Tensor t = zeros(shape);
        for (int i = 0; i < rows.length; i++) {
            MemorySegment.copy(rows[i], 0, t.segment(), java.lang.foreign.ValueLayout.JAVA_FLOAT, (long) i * shape[1] * 4, rows[i].length);
        }
        return t;
    }

    /** A host float32 tensor [N, T, F] of sequences of one length and width. */
    public Tensor fromArray(float[][][] data) {
        long[] shape = Shapes.ofSequences(data);
        Tensor t = zeros(shape);
        for (int i = 0; i < data.length; i++) {
            for (int s = 0; s < data[i].length; s++) {
                MemorySegment.copy(data[i][s], 0, t.segment(), java.lang.foreign.ValueLayout.JAVA_FLOAT, ((long) i * shape[1] + s) * shape[2] * 4, data[i][s].length);
            }
        }
        return t;
    }

    void requireAlive() {
        if (!isAlive()) throw new IllegalStateException("tensor scope is closed");
    }

    /** Frees the memory of this scope's tensors now, or, while {@link Hold}s are out, when the last is released. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) return;
            closed = true;
            if (holds > 0) return;
        }
        freeMemory();
    }

    private void freeMemory() {
        if (arena.scope().isAlive()) arena.close();
    }

    private static void requireFills(int length, long[] shape) {
        long count = Shapes.elementCount(shape);
        if (count != length) {
            throw new IllegalArgumentException("array of length " + length + " does not fill shape "
                    + Shapes.toString(shape) + " (" + count + " elements)");
        }
    }
}

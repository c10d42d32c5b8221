package dev.rnn4j.tensor;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * Owns the memory of the tensors allocated in it. Closing the scope frees that memory; any later use of
 * one of its tensors throws {@link IllegalStateException} instead of touching freed memory.
 * Backed by a shared {@link Arena} so that kernels may read the tensors from several threads.
 */
public final class TensorScope implements AutoCloseable {

    private final Arena arena;

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

    public boolean isAlive() {
        return arena.scope().isAlive();
    }

    /** A zero-filled host tensor. */
    public Tensor allocate(DType dtype, long... shape) {
        Objects.requireNonNull(dtype, "dtype");
        long count = Shapes.elementCount(shape);
        requireAlive();
        MemorySegment segment = arena.allocate(Math.max(1, count) * dtype.byteSize(), 64);
        return Tensor.contiguous(segment, Device.CPU, dtype, shape);
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

    void requireAlive() {
        if (!isAlive()) throw new IllegalStateException("tensor scope is closed");
    }

    @Override
    public void close() {
        if (isAlive()) arena.close();
    }

    private static void requireFills(int length, long[] shape) {
        long count = Shapes.elementCount(shape);
        if (count != length) {
            throw new IllegalArgumentException("array of length " + length + " does not fill shape "
                    + Shapes.toString(shape) + " (" + count + " elements)");
        }
    }
}

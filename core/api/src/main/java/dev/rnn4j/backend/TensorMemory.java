package dev.rnn4j.backend;

import dev.rnn4j.tensor.DType;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;

/** Allocation on the backend's device, zero-copy wrapping of a host framework's device memory, and copies between any two devices. */
public interface TensorMemory {

    /** A zero-filled contiguous tensor on this backend's device, freed when {@code scope} closes. */
    Tensor allocate(TensorScope scope, DType dtype, long... shape);

    /**
     * Zero-copy: a contiguous tensor over device memory that a host framework owns on this backend's device
     * ({@code byteSize} bytes at {@code devicePointer}). rnn4j uses it until {@code scope} closes and never
     * frees it. A backend without device memory (the CPU) throws {@link UnsupportedOperationException}: host
     * memory is wrapped with {@link Tensor#wrap} or {@link Tensor#contiguous(java.lang.foreign.MemorySegment, DType, long...)}
     * on every backend.
     *
     * @throws IndexOutOfBoundsException when {@code shape} needs more than {@code byteSize} bytes
     */
    Tensor wrap(TensorScope scope, long devicePointer, long byteSize, DType dtype, long... shape);

    /** Copies {@code src} into {@code dst} (same shape and dtype; host or this backend's device on either side). */
    void copy(Tensor src, Tensor dst);

    /** Waits until all work queued on this backend has finished (a no-op on the CPU). */
    void synchronize();
}

package dev.rnn4j.backend;

import dev.rnn4j.tensor.DType;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;

/** Allocation on the backend's device and copies between any two devices. */
public interface TensorMemory {

    /** A zero-filled contiguous tensor on this backend's device, freed when {@code scope} closes. */
    Tensor allocate(TensorScope scope, DType dtype, long... shape);

    /** Copies {@code src} into {@code dst} (same shape and dtype; host or this backend's device on either side). */
    void copy(Tensor src, Tensor dst);

    /** Waits until all work queued on this backend has finished (a no-op on the CPU). */
    void synchronize();
}

package dev.rnn4j.backend;

import dev.rnn4j.tensor.Device;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;
import java.util.OptionalLong;

/**
 * What a host framework calls: memory, BLAS, pointwise kernels, reductions, embeddings, optimizer updates
 * and the RNN primitive, all on one device. The CPU and CUDA backends implement it and give the same
 * numbers. Every call checks its arguments before it touches memory; the rules every backend shares are in
 * {@link dev.rnn4j.backend.spi.Operands} and {@link dev.rnn4j.backend.spi.RnnCallRules}.
 *
 * <h2>Threads</h2>
 * A backend is not thread-safe unless its implementation says otherwise: call it from one thread at a time
 * (any thread), with one backend per thread or external synchronization when several threads compute at
 * once; {@link #close()} must not overlap a call. What the two backends guarantee:
 * <ul>
 *   <li>CUDA: one thread at a time. A backend queues everything on one stream with one cuBLAS and one cuDNN
 *       handle and one caching allocator, none of them synchronized; for parallel GPU work create one
 *       backend per thread (each with its own stream).</li>
 *   <li>CPU: calls from several threads at once are safe when they write to different tensors; the kernels
 *       keep their scratch per thread and share the backend's worker threads ({@code CpuOptions}) safely.</li>
 * </ul>
 * Tensors are views: two calls that write the same memory at once race on any backend.
 *
 * <p>The zero-copy contract for a host framework: its host memory becomes a tensor with {@link Tensor#wrap}
 * (read in place by the CPU backend), its device memory with {@link #wrap} (read in place by the backend of that
 * device), and {@link #toDevice} puts any tensor where this backend computes, copying only when it is not there
 * yet. The queue work goes on is chosen when the backend is created (the CUDA backend takes the framework's
 * stream in its options) and can be read with {@link #stream()}.
 */
public interface Backend extends TensorMemory, Blas, PointwiseOps, ReductionOps, EmbeddingOps, OptimizerOps, RnnOps, AutoCloseable {

    /** "cpu" or "cuda". */
    String name();

    Device device();

    /** One line for people: what this backend runs on (e.g. "NVIDIA H100, cuDNN 9.6", "pure Java, 16 float lanes"). */
    default String description() {
        return name();
    }

    /**
     * {@code tensor} on this backend's device: the same tensor when it already lives there, otherwise a
     * contiguous copy allocated in {@code scope} (through {@link #copy}, which says why a tensor cannot move).
     */
    default Tensor toDevice(TensorScope scope, Tensor tensor) {
        if (tensor == null) throw new IllegalArgumentException("toDevice: tensor is null");
        tensor.requireAlive();
        if (tensor.device().equals(device())) return tensor;
        Tensor copy = allocate(scope, tensor.dtype(), tensor.shape());
        copy(tensor, copy);
        return copy;
    }

    /**
     * The native queue this backend's work goes on, as an address (a {@code CUstream}, which is a
     * {@code cudaStream_t}), for a host framework to order its own work against; empty when calls complete
     * before they return (the CPU). A framework's stream is adopted when the backend is created, not later:
     * the CUDA backend's caching allocator and its cuBLAS/cuDNN handles rely on one stream for its lifetime.
     */
    default OptionalLong stream() {
        return OptionalLong.empty();
    }

    @Override
    void close();
}

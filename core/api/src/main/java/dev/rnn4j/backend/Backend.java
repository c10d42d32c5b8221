package dev.rnn4j.backend;

import dev.rnn4j.tensor.Device;

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
 */
public interface Backend extends TensorMemory, Blas, PointwiseOps, ReductionOps, EmbeddingOps, OptimizerOps, RnnOps, AutoCloseable {

    /** "cpu" or "cuda". */
    String name();

    Device device();

    /** One line for people: what this backend runs on (e.g. "NVIDIA H100, cuDNN 9.6", "pure Java, 16 float lanes"). */
    default String description() {
        return name();
    }

    @Override
    void close();
}

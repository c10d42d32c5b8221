package dev.rnn4j.backend;

import dev.rnn4j.tensor.Device;

/**
 * What a host framework calls: memory, BLAS, pointwise kernels, reductions, embeddings, optimizer updates
 * and the RNN primitive, all on one device. The CPU and CUDA backends implement it and give the same
 * numbers. A backend is not thread-safe: use one per thread (or per CUDA stream).
 */
public interface Backend extends TensorMemory, Blas, PointwiseOps, ReductionOps, EmbeddingOps, OptimizerOps, RnnOps, AutoCloseable {

    /** "cpu" or "cuda". */
    String name();

    Device device();

    @Override
    void close();
}

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

    /** One line for people: what this backend runs on (e.g. "NVIDIA H100, cuDNN 9.6", "pure Java, 16 float lanes"). */
    default String description() {
        return name();
    }

    @Override
    void close();
}

package dev.rnn4j.backend;

/**
 * Options for creating one backend; each backend has its own implementation (the CPU backend's
 * {@code CpuOptions}, the CUDA backend's {@code CudaOptions}) and rejects another's.
 */
public interface BackendOptions {
}

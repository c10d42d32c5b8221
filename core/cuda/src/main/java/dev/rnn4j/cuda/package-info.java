/**
 * The CUDA backend's public face: {@link dev.rnn4j.cuda.CudaBackend} (with the GPU-only calls: the stream,
 * wrapping device memory, allocator figures), {@link dev.rnn4j.cuda.CudaOptions}, {@link dev.rnn4j.cuda.DeviceInfo},
 * its exceptions and its {@link dev.rnn4j.cuda.CudaBackendProvider}. The library loader is internal.
 *
 * <p>Stability: the API a host framework programs against; changes in 0.x are listed in the release notes.
 * <b>Never run on a GPU yet</b>: see docs/GPU.md for what has been verified.
 */
package dev.rnn4j.cuda;

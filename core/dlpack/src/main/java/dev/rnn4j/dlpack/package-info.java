/**
 * DLPack interop: {@link dev.rnn4j.dlpack.DLPack} borrows a producer's {@code DLManagedTensorVersioned} (host or
 * CUDA memory) as an rnn4j tensor without copying, and lends rnn4j tensors out with a deleter tied to their scope.
 * Needs native access for {@code dev.rnn4j.dlpack} and {@code dev.rnn4j.bindings}.
 *
 * <p>Stability: the API a host framework programs against; changes in 0.x are listed in the release notes. The
 * CUDA side has never run with real GPU memory (see docs/GPU.md).
 */
package dev.rnn4j.dlpack;

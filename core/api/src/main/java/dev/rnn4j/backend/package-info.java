/**
 * What a host framework calls: {@link dev.rnn4j.backend.Backend} (memory, BLAS, pointwise, reductions,
 * embeddings, optimizer updates and the RNN primitive on one device) and {@link dev.rnn4j.backend.Backends},
 * which finds the backends on the class or module path and chooses one.
 *
 * <p>Stability: the API a host framework programs against; changes in 0.x are listed in the release notes.
 */
package dev.rnn4j.backend;

/**
 * The RNN primitive's contract, shaped like cuDNN's v8 API: {@link dev.rnn4j.rnn.RnnDescriptor},
 * {@link dev.rnn4j.rnn.RnnDataDescriptor} (per-sequence lengths, both layouts), the canonical weight space
 * ({@link dev.rnn4j.rnn.RnnWeightLayout}, PyTorch's parameter order) and {@link dev.rnn4j.rnn.RnnPlan}
 * (forward, backward-data, backward-weights), with converters to and from PyTorch's and Keras' weights.
 *
 * <p>Stability: the API a host framework programs against; changes in 0.x are listed in the release notes.
 */
package dev.rnn4j.rnn;

/**
 * Keras-style layers and the {@link dev.rnn4j.model.layers.Layers} factories (Embedding, SimpleRNN/LSTM/GRU,
 * Bidirectional, Conv1D, attention, Dense, ...); {@link dev.rnn4j.model.layers.AbstractLayer} is the base for
 * custom layers.
 *
 * <p>Stability: the model API; changes in 0.x are listed in the release notes.
 */
package dev.rnn4j.model.layers;

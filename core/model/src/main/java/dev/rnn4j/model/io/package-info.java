/**
 * Checkpoints: one safetensors file with the weights, the optimizer state, the model's config and extras
 * (tokenizer, labels). Files are untrusted input: every field is checked before memory is touched.
 *
 * <p>Stability: the file format and the API; changes in 0.x are listed in the release notes.
 */
package dev.rnn4j.model.io;

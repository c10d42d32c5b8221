/**
 * Data tools with Keras' semantics: Tokenizer, pad_sequences, loaders for text, CSV and aclImdb files (strict
 * UTF-8; malformed files are errors naming the file and the place), and the project's generated corpora.
 * Depends on no tensor or model code.
 *
 * <p>Stability: the model API; changes in 0.x are listed in the release notes.
 */
package dev.rnn4j.data;

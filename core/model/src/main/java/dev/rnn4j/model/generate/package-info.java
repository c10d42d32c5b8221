/**
 * Text generation: samplers (greedy, temperature, top-k, top-p) and a generator that feeds tokens one at a
 * time with the recurrent state carried over.
 *
 * <p>Stability: the model API; changes in 0.x are listed in the release notes.
 */
package dev.rnn4j.model.generate;

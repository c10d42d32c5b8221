/**
 * Training: losses, optimizers, metrics, learning-rate schedules, callbacks and the fit loop.
 *
 * <p>Stability: the model API; changes in 0.x are listed in the release notes.
 */
package dev.rnn4j.model.train;

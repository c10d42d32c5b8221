/**
 * Differentiable operations on a {@link dev.rnn4j.model.GradientTape}: each is a few backend calls plus the
 * closure that pushes gradients back. Custom layers are written with them.
 *
 * <p>Stability: for custom layers; may grow and change between 0.x releases.
 */
package dev.rnn4j.model.ops;

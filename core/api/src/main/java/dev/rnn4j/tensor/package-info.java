/**
 * Off-heap tensors: {@link dev.rnn4j.tensor.Tensor} is a strided view (shape, strides, offset, dtype, device)
 * of memory owned by a {@link dev.rnn4j.tensor.TensorScope} or by the caller; views never copy, and a tensor used
 * after its memory was freed throws instead of reading freed memory.
 *
 * <p>Stability: the API a host framework programs against; changes in 0.x are listed in the release notes.
 */
package dev.rnn4j.tensor;

package dev.rnn4j.backend;

import dev.rnn4j.tensor.Tensor;

/** Elementwise kernels. Unless said otherwise, operands are float32 and {@code out} may alias an input. */
public interface PointwiseOps {

    void fill(Tensor x, float value);

    /**
     * {@code out = a op b}. {@code b}'s shape must equal {@code a}'s or be a suffix of it (then it is
     * broadcast over the leading dimensions: e.g. a bias [C] added to every row of [N, C]).
     */
    void binary(BinaryOp op, Tensor a, Tensor b, Tensor out);

    /** {@code y = alpha · x + beta · y}. */
    void axpby(float alpha, Tensor x, float beta, Tensor y);

    /** {@code y = f(x)}. */
    void activation(Activation f, Tensor x, Tensor y);

    /** {@code dx = dy · f'(x)}, with f' written through the forward output {@code y}. */
    void activationBackward(Activation f, Tensor y, Tensor dy, Tensor dx);

    /**
     * Fills {@code mask} with 0 (probability {@code rate}) or 1/(1 - rate), from a counter-based generator:
     * element i's value depends only on (seed, i), so every backend draws the same mask.
     */
    void dropoutMask(Tensor mask, float rate, long seed);

    /** Clamps every element into [lo, hi] (gradient clipping by value). */
    void clamp(Tensor x, float lo, float hi);
}

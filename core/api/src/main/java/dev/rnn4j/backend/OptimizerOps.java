package dev.rnn4j.backend;

import dev.rnn4j.tensor.Tensor;

/** In-place parameter updates with PyTorch's semantics. */
public interface OptimizerOps {

    /** v = momentum·v + g; step = nesterov ? g + momentum·v : v; p -= lr·step. velocity may be null when momentum is 0. */
    void sgdStep(Tensor param, Tensor grad, Tensor velocity, float lr, float momentum, boolean nesterov);

    /**
     * m = β1·m + (1-β1)·g; v = β2·v + (1-β2)·g²; p -= lr · (m / (1-β1^t)) / (sqrt(v / (1-β2^t)) + eps),
     * t = {@code step} (1 for the first update).
     */
    void adamStep(Tensor param, Tensor grad, Tensor m, Tensor v, float lr, float beta1, float beta2, float eps, long step);

    /** s = ρ·s + (1-ρ)·g²; p -= lr · g / (sqrt(s) + eps). */
    void rmspropStep(Tensor param, Tensor grad, Tensor meanSquare, float lr, float rho, float eps);
}

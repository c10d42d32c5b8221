package dev.rnn4j.backend;

import dev.rnn4j.tensor.Tensor;

/** Reductions, softmax and the fused softmax cross-entropy. Softmax axes are the last dimension. */
public interface ReductionOps {

    /** Sum of all elements (returned to the host). */
    float sum(Tensor x);

    /** Sum of squares of all elements (for clip-by-norm). */
    float sumOfSquares(Tensor x);

    /** {@code out[c] = beta · out[c] + Σ_rows x[.., c]}: sums every dimension but the last (bias gradients). */
    void sumToLastDim(Tensor x, float beta, Tensor out);

    /** Softmax (or log-softmax) over the last dimension. */
    void softmax(Tensor x, Tensor y, boolean log);

    /** Gradient of softmax (or log-softmax) given its output y and dy. */
    void softmaxBackward(Tensor y, Tensor dy, Tensor dx, boolean log);

    /**
     * Mean softmax cross-entropy of logits [N, C] against int32 labels [N]; labels equal to
     * {@code ignoreIndex} do not count. If {@code dLogits} is not null it receives the gradient of the mean.
     * A label outside [0, C) other than ignoreIndex is an {@link IllegalArgumentException}.
     */
    float softmaxCrossEntropy(Tensor logits, Tensor labels, int ignoreIndex, Tensor dLogits);

    /**
     * Mean over time of x [B, T, F] into out [B, F], counting only the first seqLengths[b] steps
     * (all T when seqLengths is null).
     */
    void globalAveragePool(Tensor x, int[] seqLengths, Tensor out);

    /** Gradient of {@link #globalAveragePool}: dx[b, t] = dOut[b] / len(b) for valid t, 0 past the length. */
    void globalAveragePoolBackward(Tensor dOut, int[] seqLengths, Tensor dx);
}

package dev.rnn4j.backend;

import dev.rnn4j.tensor.Tensor;

/** Dense matrix products (cuBLAS' Sgemm / SgemmStridedBatched, row-major view). */
public interface Blas {

    /**
     * {@code C = alpha · op(A) · op(B) + beta · C} with op = transpose when the flag is set.
     * Rank-2 operands: one product. Rank-3 operands [batch, rows, cols]: a strided-batched product
     * (an operand with batch extent 1 is broadcast). The last dimension of every operand must have
     * stride 1; the row stride is the leading dimension.
     */
    void gemm(boolean transA, boolean transB, float alpha, Tensor a, Tensor b, float beta, Tensor c);
}

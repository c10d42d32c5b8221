package dev.rnn4j.cpu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Row-major single-precision GEMM on host segments: C = alpha·op(A)·op(B) + beta·C, where op(A) is m×k,
 * op(B) is k×n and C is m×n; offsets are in floats, leading dimensions are row strides in floats.
 * PLACEHOLDER: a plain triple loop that fixes the contract; replaced by the blocked Vector API kernel.
 */
public final class Sgemm {

    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private Sgemm() {
    }

    public static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                            MemorySegment a, long aOffset, int lda,
                            MemorySegment b, long bOffset, int ldb,
                            float beta, MemorySegment c, long cOffset, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float acc = 0f;
                for (int p = 0; p < k; p++) {
                    long ai = transA ? aOffset + (long) p * lda + i : aOffset + (long) i * lda + p;
                    long bi = transB ? bOffset + (long) j * ldb + p : bOffset + (long) p * ldb + j;
                    acc += a.getAtIndex(F, ai) * b.getAtIndex(F, bi);
                }
                long ci = cOffset + (long) i * ldc + j;
                float old = beta == 0f ? 0f : beta * c.getAtIndex(F, ci);
                c.setAtIndex(F, ci, alpha * acc + old);
            }
        }
    }
}

package dev.rnn4j.cpu.internal;

/** The naive row-major GEMM in double precision: the oracle for Sgemm and the Tensor gemm. */
final class GemmOracle {

    private GemmOracle() {
    }

    /** C (m×n, row stride ldc) = alpha·op(A)·op(B) + beta·C, all row-major arrays. */
    static double[] gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, float[] a, int aOff, int lda,
                         float[] b, int bOff, int ldb, double beta, float[] c, int cOff, int ldc) {
        double[] out = new double[c.length];
        for (int i = 0; i < c.length; i++) out[i] = c[i];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double acc = 0;
                for (int p = 0; p < k; p++) {
                    double x = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    double y = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    acc += x * y;
                }
                int ci = cOff + i * ldc + j;
                out[ci] = alpha * acc + (beta == 0 ? 0 : beta * c[ci]);
            }
        }
        return out;
    }
}

package dev.rnn4j.cuda;

import dev.rnn4j.tensor.Shapes;
import dev.rnn4j.tensor.Tensor;

/**
 * The cuBLAS (column-major) arguments of a row-major product C = op(A)·op(B). A row-major matrix with row
 * stride ld is the column-major transpose with the same ld, so C^T = op(B)^T·op(A)^T: cuBLAS gets B as its
 * first operand, A as its second, m and n swapped, and the transpose flags unchanged.
 * Strides are in elements; a batch stride of 0 broadcasts an operand of batch extent 1.
 */
record GemmGeometry(boolean transFirst, boolean transSecond, int m, int n, int k,
                    int ldFirst, int ldSecond, int ldc, long strideFirst, long strideSecond, long strideC, int batch) {

    /** Validates shapes (rank 2, or rank 3 [batch, rows, cols]) and derives the call. */
    static GemmGeometry of(boolean transA, boolean transB, long[] aShape, long[] aStrides, long[] bShape, long[] bStrides,
                           long[] cShape, long[] cStrides) {
        int rank = cShape.length;
        if (rank != 2 && rank != 3) throw new IllegalArgumentException("gemm: c must have rank 2 or 3, has shape " + Shapes.toString(cShape));
        if (aShape.length != rank || bShape.length != rank) {
            throw new IllegalArgumentException("gemm: a " + Shapes.toString(aShape) + ", b " + Shapes.toString(bShape) + " and c "
                    + Shapes.toString(cShape) + " must have the same rank");
        }
        int r = rank - 2;
        long m = cShape[r], n = cShape[r + 1];
        long am = transA ? aShape[r + 1] : aShape[r], ak = transA ? aShape[r] : aShape[r + 1];
        long bk = transB ? bShape[r + 1] : bShape[r], bn = transB ? bShape[r] : bShape[r + 1];
        if (am != m || bn != n || ak != bk) {
            throw new IllegalArgumentException("gemm: op(a) " + am + "x" + ak + " · op(b) " + bk + "x" + bn + " does not give c " + m + "x" + n
                    + " (transA=" + transA + ", transB=" + transB + ")");
        }
        requireRowMajor("a", aShape, aStrides);
        requireRowMajor("b", bShape, bStrides);
        requireRowMajor("c", cShape, cStrides);
        int batch = 1;
        long sa = 0, sb = 0, sc = 0;
        if (rank == 3) {
            batch = toInt("batch", cShape[0]);
            sa = batchStride("a", aShape, aStrides, batch);
            sb = batchStride("b", bShape, bStrides, batch);
            sc = cStrides[0];
            if (batch > 1 && sc < m * cStrides[1]) throw new IllegalArgumentException("gemm: c's batches overlap (stride " + sc + ")");
        }
        return new GemmGeometry(transB, transA, toInt("n", n), toInt("m", m), toInt("k", ak),
                ld(bStrides, r), ld(aStrides, r), ld(cStrides, r), sb, sa, sc, batch);
    }

    static GemmGeometry of(boolean transA, boolean transB, Tensor a, Tensor b, Tensor c) {
        return of(transA, transB, a.shape(), a.strides(), b.shape(), b.strides(), c.shape(), c.strides());
    }

    private static void requireRowMajor(String name, long[] shape, long[] strides) {
        int r = shape.length - 2;
        if (shape[r + 1] > 1 && strides[r + 1] != 1) {
            throw new IllegalArgumentException("gemm: the last dimension of " + name + " must have stride 1, has " + strides[r + 1]);
        }
        if (shape[r] > 1 && strides[r] < Math.max(1, shape[r + 1])) {
            throw new IllegalArgumentException("gemm: row stride " + strides[r] + " of " + name + " is smaller than its " + shape[r + 1] + " columns");
        }
    }

    private static long batchStride(String name, long[] shape, long[] strides, int batch) {
        if (shape[0] == batch) return batch == 1 ? 0 : strides[0];
        if (shape[0] == 1) return 0;
        throw new IllegalArgumentException("gemm: batch extent " + shape[0] + " of " + name + " is neither 1 nor c's " + batch);
    }

    /** Leading dimension: the row stride, at least the column count (cuBLAS requires ld >= rows of its view). */
    private static int ld(long[] strides, int r) {
        return toInt("leading dimension", Math.max(1, strides[r]));
    }

    private static int toInt(String what, long v) {
        if (v > Integer.MAX_VALUE) throw new IllegalArgumentException("gemm: " + what + " " + v + " exceeds cuBLAS' int range");
        return (int) v;
    }
}

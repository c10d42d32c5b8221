package dev.rnn4j.cpu.internal;

import static dev.rnn4j.cpu.internal.SgemmKernel.F;
import static dev.rnn4j.cpu.internal.SgemmKernel.L;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * C = alpha·A·op(B) + beta·C for a few rows of A (m ≤ {@link #ROWS}, A not transposed), without packing: packing
 * op(B) moves k·n floats, more work than a product of so few rows (a generator's dense layer on one token). The
 * rows of A are copied to a heap array; op(B) = B (k×n) streams row by row through 4-row × 2-vector accumulators
 * (axpy form); op(B) = Bᵀ (B n×k) is read as dot products along k ({@link SgemmDotTiles}). Columns are split over
 * threads in fixed blocks; every element is computed the same way in whichever part holds it.
 */
final class SgemmFewRows {

    /** Rows of A up to which products skip packing. */
    static final int ROWS = 8;
    /** Columns per block: 4 dot products, or 2 vectors of axpy. */
    private static final int DOT_BLOCK = 4;
    private static final int AXPY_BLOCK = 2 * L;
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();
    /** Per thread: the dot products' 16 accumulator vectors. */
    private static final ThreadLocal<float[]> ACCUMULATORS = ThreadLocal.withInitial(() -> new float[16 * L]);
    /** Per calling thread: the rows of A. */
    private static final ThreadLocal<float[]> ROWS_OF_A = ThreadLocal.withInitial(() -> new float[0]);

    private SgemmFewRows() {
    }

    static void gemm(GemmThreads threads, boolean transB, int m, int n, int k, float alpha, MemorySegment a, long aOff, int lda,
                     MemorySegment b, long bOff, int ldb, float beta, MemorySegment c, long cOff, int ldc, boolean parallel) {
        float[] rows = ROWS_OF_A.get();
        if (rows.length < m * k) {
            rows = new float[m * k];
            ROWS_OF_A.set(rows);
        }
        for (int i = 0; i < m; i++) MemorySegment.copy(a, FLOAT, (aOff + (long) i * lda) * 4, rows, i * k, k);
        float[] aRows = rows;
        int block = transB ? DOT_BLOCK : AXPY_BLOCK;
        int blocks = Math.ceilDiv(n, block);
        int parts = parallel ? Math.min(threads.threads(), blocks) : 1;
        threads.forEachPart(parts, part -> {
            int from = part * blocks / parts * block, to = Math.min(n, (part + 1) * blocks / parts * block);
            if (transB) {
                dots(m, from, to, n, k, alpha, aRows, b, bOff, ldb, beta, c, cOff, ldc);
            } else {
                axpys(m, from, to, k, alpha, aRows, b, bOff, ldb, beta, c, cOff, ldc);
            }
        });
    }

    /** Columns [from, to) of C from dot products of the rows of A with rows [from, to) of B (n×k). */
    private static void dots(int m, int from, int to, int n, int k, float alpha, float[] a, MemorySegment b, long bOff, int ldb, float beta,
                             MemorySegment c, long cOff, int ldc) {
        float[] acc = ACCUMULATORS.get();
        for (int j = from; j < to; j += DOT_BLOCK) {
            long w0 = row(bOff, j, ldb, n), w1 = row(bOff, j + 1, ldb, n), w2 = row(bOff, j + 2, ldb, n), w3 = row(bOff, j + 3, ldb, n);
            if (m > 2) {
                // every row against two rows of B at a time: each element of B is read once
                SgemmDotTiles.dot8x2(k, a, 0, k, m, b, w0, w1, acc, 0);
                store(acc, m, 2, j, to, alpha, beta, c, cOff, ldc);
                SgemmDotTiles.dot8x2(k, a, 0, k, m, b, w2, w3, acc, 0);
                store(acc, m, 2, j + 2, to, alpha, beta, c, cOff, ldc);
                continue;
            }
            SgemmDotTiles.dot2x4(k, a, 0, Math.min(1, m - 1) * k, b, w0, w1, w2, w3, acc, 0);
            store(acc, m, 4, j, to, alpha, beta, c, cOff, ldc);
        }
    }

    /** C[i, j + jj] = alpha·(lane sum of accumulator width·i + jj) + beta·C for the rows and the columns below {@code to}. */
    private static void store(float[] acc, int rows, int width, int j, int to, float alpha, float beta, MemorySegment c, long cOff, int ldc) {
        for (int i = 0; i < rows; i++) {
            for (int jj = 0; jj < width && j + jj < to; jj++) {
                long at = (cOff + (long) i * ldc + j + jj) * 4;
                float v = alpha * SgemmDotTiles.sum(acc, (width * i + jj) * L);
                c.set(FLOAT, at, beta == 0f ? v : v + beta * c.get(FLOAT, at));
            }
        }
    }

    /** Byte offset of row j of B (the last row for j past n: its products are not stored). */
    private static long row(long bOff, int j, int ldb, int n) {
        return (bOff + (long) Math.min(j, n - 1) * ldb) * 4;
    }

    /** Columns [from, to) of C from the rows of B (k×n) scaled by A's elements, 4 rows of A and 2 vectors at a time. */
    private static void axpys(int m, int from, int to, int k, float alpha, float[] a, MemorySegment b, long bOff, int ldb, float beta,
                              MemorySegment c, long cOff, int ldc) {
        for (int j = from; j < to; j += AXPY_BLOCK) {
            VectorMask<Float> lo = F.indexInRange(j, to), hi = F.indexInRange(j + L, to);
            for (int i = 0; i < m; i += 4) axpy4(i, m, j, k, alpha, a, b, bOff, ldb, beta, c, cOff, ldc, lo, hi);
        }
    }

    private static void axpy4(int i, int m, int j, int k, float alpha, float[] a, MemorySegment b, long bOff, int ldb, float beta,
                              MemorySegment c, long cOff, int ldc, VectorMask<Float> lo, VectorMask<Float> hi) {
        int a0 = i * k, a1 = Math.min(i + 1, m - 1) * k, a2 = Math.min(i + 2, m - 1) * k, a3 = Math.min(i + 3, m - 1) * k;
        FloatVector z = FloatVector.zero(F);
        FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
        for (int p = 0; p < k; p++) {
            long at = (bOff + (long) p * ldb + j) * 4;
            FloatVector b0 = FloatVector.fromMemorySegment(F, b, at, NATIVE, lo), b1 = FloatVector.fromMemorySegment(F, b, at + L * 4L, NATIVE, hi);
            FloatVector x;
            x = FloatVector.broadcast(F, a[a0 + p]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(F, a[a1 + p]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(F, a[a2 + p]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(F, a[a3 + p]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
        }
        update(c00, c01, i, j, alpha, beta, c, cOff, ldc, lo, hi);
        if (i + 1 < m) update(c10, c11, i + 1, j, alpha, beta, c, cOff, ldc, lo, hi);
        if (i + 2 < m) update(c20, c21, i + 2, j, alpha, beta, c, cOff, ldc, lo, hi);
        if (i + 3 < m) update(c30, c31, i + 3, j, alpha, beta, c, cOff, ldc, lo, hi);
    }

    /** Row {@code row} of C at columns [j, j + 2L) (within the masks) = alpha·acc + beta·C; C is not read when beta is 0. */
    private static void update(FloatVector v0, FloatVector v1, int row, int j, float alpha, float beta, MemorySegment c, long cOff, int ldc,
                               VectorMask<Float> lo, VectorMask<Float> hi) {
        long at = (cOff + (long) row * ldc + j) * 4;
        FloatVector r0 = v0.mul(alpha), r1 = v1.mul(alpha);
        if (beta != 0f) {
            FloatVector betaV = FloatVector.broadcast(F, beta);
            r0 = FloatVector.fromMemorySegment(F, c, at, NATIVE, lo).fma(betaV, r0);
            r1 = FloatVector.fromMemorySegment(F, c, at + L * 4L, NATIVE, hi).fma(betaV, r1);
        }
        r0.intoMemorySegment(c, at, NATIVE, lo);
        r1.intoMemorySegment(c, at + L * 4L, NATIVE, hi);
    }
}

package dev.rnn4j.cpu.internal;

import static dev.rnn4j.cpu.internal.SgemmKernel.MR;
import static dev.rnn4j.cpu.internal.SgemmKernel.NR;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Row-major single-precision GEMM on host segments: C = alpha·op(A)·op(B) + beta·C, where op(A) is m×k,
 * op(B) is k×n and C is m×n; offsets are in floats, leading dimensions are row strides in floats.
 *
 * <p>Blocked as in BLIS: for each KC-deep slice of op(B) packed into NR-column panels, and each MC-row block
 * of op(A) packed into MR-row panels, the {@link SgemmKernel#microKernel} computes one MR×NR tile of C in
 * registers. Large problems are split along the longer of m and n into parts run on the backend's
 * {@link GemmThreads} (unless a segment is confined to the calling thread). Every element of C is computed
 * by one part with the same blocking in k, so the result does not depend on the number of parts. A product
 * of a few rows of A ({@link SgemmFewRows}) packs nothing. When beta is 0, C is not read (NaN in C does not
 * propagate).
 */
public final class Sgemm {

    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;
    /** Depth of a packed slice: an MR-row A panel (KC·MR floats) stays in L1. */
    static final int KC = 256;
    /** Rows of a packed A block (MC·KC floats, in L2). */
    static final int MC = 144;
    /** Columns of a packed B slice (KC·NC floats, in L2/L3). */
    static final int NC = 2048;
    /** Multiply-adds below which the call stays on the caller's thread. */
    static final long PARALLEL_MIN_MACS = 1L << 22;

    private static final ThreadLocal<float[][]> PACKS = ThreadLocal.withInitial(
            () -> new float[][] {new float[MC * KC], new float[KC * NC], new float[MR * NR]});

    private Sgemm() {
    }

    public static void gemm(GemmThreads threads, boolean transA, boolean transB, int m, int n, int k, float alpha,
                            MemorySegment a, long aOffset, int lda,
                            MemorySegment b, long bOffset, int ldb,
                            float beta, MemorySegment c, long cOffset, int ldc) {
        if (m < 0 || n < 0 || k < 0) throw new IllegalArgumentException("sgemm: negative size m=" + m + " n=" + n + " k=" + k);
        if (m == 0 || n == 0) return;
        requireMatrix("c", c, cOffset, ldc, m, n);
        if (k == 0 || alpha == 0f) {
            requireOperands(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb);
            scale(beta, c, cOffset, ldc, m, n);
            return;
        }
        requireOperands(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb);
        long macs = (long) m * n * k;
        boolean shareable = GemmThreads.shareable(a) && GemmThreads.shareable(b) && GemmThreads.shareable(c);
        if (m <= SgemmFewRows.ROWS && !transA) {
            SgemmFewRows.gemm(threads, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc,
                    macs >= PARALLEL_MIN_MACS && shareable);
            return;
        }
        boolean splitRows = m > n;
        int extent = splitRows ? m : n;
        int unit = splitRows ? MR : NR;
        int parts = macs < PARALLEL_MIN_MACS || !shareable ? 1 : Math.min(threads.threads(), Math.ceilDiv(extent, unit));
        int chunk = Math.ceilDiv(Math.ceilDiv(extent, parts), unit) * unit;
        threads.forEachPart(parts, part -> {
            int from = part * chunk, to = Math.min(extent, from + chunk);
            if (from >= to) return;
            if (splitRows) {
                blocked(transA, transB, from, to - from, 0, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
            } else {
                blocked(transA, transB, 0, m, from, to - from, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
            }
        });
    }

    /** Floats that op(B) of depth k and n columns takes once packed by {@link #packB}. */
    static int packedBSize(int k, int n) {
        return Math.ceilDiv(n, NR) * NR * k;
    }

    /**
     * Packs columns [j0, j0+n) of op(B) (depth k) at full depth into dst from dstOff, once, for any number
     * of products with different A ({@link SgemmRowTiles}: the weights of every time step).
     */
    static void packB(boolean transB, int k, int n, MemorySegment b, long bOff, int ldb, int j0, float[] dst, int dstOff) {
        if (k < 0 || n < 0 || j0 < 0) throw new IllegalArgumentException("sgemm packB: negative size k=" + k + " n=" + n + " j0=" + j0);
        requireMatrix("b", b, bOff, ldb, transB ? j0 + n : k, transB ? k : j0 + n);
        requireArray("packed b", dst, dstOff, 1, packedBSize(k, n));
        if (k > 0) SgemmKernel.packB(transB, b, bOff, ldb, 0, k, j0, n, dst, dstOff);
    }

    private static void requireArray(String name, float[] array, int off, int ld, long extent) {
        if (array == null) throw new IllegalArgumentException("sgemm: array " + name + " is null");
        if (off < 0 || ld < 0 || off + extent > array.length) {
            throw new IndexOutOfBoundsException("sgemm: " + name + " (" + extent + " floats from " + off + ") ends past its array of "
                    + array.length);
        }
    }

    /** The block [i0, i0+mBlock) × [j0, j0+nBlock) of C, on the calling thread. */
    private static void blocked(boolean transA, boolean transB, int i0, int mBlock, int j0, int nBlock, int k, float alpha,
                                MemorySegment a, long aOff, int lda, MemorySegment b, long bOff, int ldb,
                                float beta, MemorySegment c, long cOff, int ldc) {
        float[][] packs = PACKS.get();
        float[] aPack = packs[0], bPack = packs[1], tile = packs[2];
        for (int jc = 0; jc < nBlock; jc += NC) {
            int nc = Math.min(NC, nBlock - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                float betaNow = pc == 0 ? beta : 1f;
                SgemmKernel.packB(transB, b, bOff, ldb, pc, kc, j0 + jc, nc, bPack, 0);
                for (int ic = 0; ic < mBlock; ic += MC) {
                    int mc = Math.min(MC, mBlock - ic);
                    SgemmKernel.packA(transA, a, aOff, lda, i0 + ic, mc, pc, kc, alpha, aPack);
                    // an A panel (MR·KC floats) stays in L1 while the B panels of the slice stream from L2
                    for (int ir = 0; ir < mc; ir += MR) {
                        for (int jr = 0; jr < nc; jr += NR) {
                            long cIdx = cOff + (long) (i0 + ic + ir) * ldc + j0 + jc + jr;
                            SgemmKernel.microKernel(kc, aPack, ir * kc, bPack, jr * kc, tile);
                            SgemmKernel.updateC(tile, c, cIdx, ldc, Math.min(MR, mc - ir), Math.min(NR, nc - jr), betaNow);
                        }
                    }
                }
            }
        }
    }

    /** C = beta·C (zero when beta is 0), for k = 0 or alpha = 0. */
    private static void scale(float beta, MemorySegment c, long cOff, int ldc, int m, int n) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                long at = cOff + (long) i * ldc + j;
                c.setAtIndex(FLOAT, at, beta == 0f ? 0f : beta * c.getAtIndex(FLOAT, at));
            }
        }
    }

    private static void requireOperands(boolean transA, boolean transB, int m, int n, int k, MemorySegment a, long aOff, int lda,
                                        MemorySegment b, long bOff, int ldb) {
        requireMatrix("a", a, aOff, lda, transA ? k : m, transA ? m : k);
        requireMatrix("b", b, bOff, ldb, transB ? n : k, transB ? k : n);
    }

    /** A rows×cols matrix with row stride ld at element offset off must lie inside its segment. */
    private static void requireMatrix(String name, MemorySegment s, long off, int ld, int rows, int cols) {
        if (s == null) throw new IllegalArgumentException("sgemm: segment " + name + " is null");
        if (!s.scope().isAlive()) throw new IllegalStateException("sgemm: segment " + name + " is closed");
        if (off < 0) throw new IllegalArgumentException("sgemm: negative offset " + off + " of " + name);
        if (rows > 1 && ld < cols) {
            throw new IllegalArgumentException("sgemm: leading dimension " + ld + " of " + name + " is smaller than its width " + cols);
        }
        if (rows == 0 || cols == 0) return;
        long last = off + (long) (rows - 1) * ld + cols - 1;
        if ((last + 1) * Float.BYTES > s.byteSize()) {
            throw new IndexOutOfBoundsException("sgemm: " + name + " (" + rows + "x" + cols + ", ld " + ld + ", offset " + off
                    + ") ends past its segment of " + s.byteSize() + " bytes");
        }
    }
}

package dev.rnn4j.cpu.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The pieces of the blocked SGEMM: packing panels of op(A) (MR rows, k-major, scaled by alpha) and op(B)
 * (NR columns, k-major), and the MR×NR register-blocked micro-kernel that multiplies one A panel by one
 * B panel and updates the C tile with beta.
 */
final class SgemmKernel {

    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    static final int L = F.length();
    /** Rows of a C tile (one broadcast of A each per k). */
    static final int MR = 8;
    /** Columns of a C tile: two vectors. */
    static final int NR = 2 * L;
    /** One MR-float column of an A panel. */
    private static final VectorSpecies<Float> A_PANEL = FloatVector.SPECIES_256;

    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();

    private SgemmKernel() {
    }

    /**
     * Packs rows [i0, i0+mc) × depth [p0, p0+kc) of op(A), times alpha, into MR-row panels: panel r holds
     * element (i0 + r·MR + ii, p0 + p) at {@code r·MR·kc + p·MR + ii}; rows past mc are zero.
     */
    static void packA(boolean transA, MemorySegment a, long aOff, int lda, int i0, int mc, int p0, int kc, float alpha, float[] dst) {
        for (int r = 0; r < mc; r += MR) {
            int rows = Math.min(MR, mc - r);
            int base = r * kc;
            if (transA && rows == MR) {
                // op(A) rows are contiguous in memory for each p: copy MR of them per p (unmasked: a full panel)
                for (int p = 0; p < kc; p++) {
                    long src = (aOff + (long) (p0 + p) * lda + i0 + r) * Float.BYTES;
                    FloatVector.fromMemorySegment(A_PANEL, a, src, NATIVE).mul(alpha).intoArray(dst, base + p * MR);
                }
            } else if (transA) {
                VectorMask<Float> valid = A_PANEL.indexInRange(0, rows);
                for (int p = 0; p < kc; p++) {
                    long src = (aOff + (long) (p0 + p) * lda + i0 + r) * Float.BYTES;
                    FloatVector.fromMemorySegment(A_PANEL, a, src, NATIVE, valid).mul(alpha).intoArray(dst, base + p * MR);
                }
            } else {
                int p = 0;
                if (rows == MR) {
                    // whole 8×8 blocks transposed in registers
                    long row0 = (aOff + (long) (i0 + r) * lda + p0) * Float.BYTES;
                    for (; p <= kc - MR; p += MR) transposeBlock(a, row0 + (long) p * Float.BYTES, (long) lda * Float.BYTES, alpha, dst, base + p * MR, MR);
                }
                for (int ii = 0; ii < MR; ii++) {
                    long src = aOff + (long) (i0 + r + ii) * lda + p0;
                    if (ii < rows) {
                        for (int q = p; q < kc; q++) dst[base + q * MR + ii] = alpha * a.getAtIndex(FLOAT, src + q);
                    } else {
                        for (int q = p; q < kc; q++) dst[base + q * MR + ii] = 0f;
                    }
                }
            }
        }
    }

    /** Two-source shuffles (indexes of 8 and up take the second vector) of the three stages of an 8×8 transpose. */
    private static final VectorShuffle<Float> PAIRS_LO = VectorShuffle.fromValues(A_PANEL, 0, 8, 1, 9, 2, 10, 3, 11);
    private static final VectorShuffle<Float> PAIRS_HI = VectorShuffle.fromValues(A_PANEL, 4, 12, 5, 13, 6, 14, 7, 15);
    private static final VectorShuffle<Float> QUADS_LO = VectorShuffle.fromValues(A_PANEL, 0, 1, 8, 9, 2, 3, 10, 11);
    private static final VectorShuffle<Float> QUADS_HI = VectorShuffle.fromValues(A_PANEL, 4, 5, 12, 13, 6, 7, 14, 15);
    private static final VectorShuffle<Float> HALVES_LO = VectorShuffle.fromValues(A_PANEL, 0, 1, 2, 3, 8, 9, 10, 11);
    private static final VectorShuffle<Float> HALVES_HI = VectorShuffle.fromValues(A_PANEL, 4, 5, 6, 7, 12, 13, 14, 15);

    /**
     * dst[base + q·stride + ii] = alpha · M(ii, q) for the 8×8 block of rows at byte {@code row0}, {@code rowBytes}
     * apart: 8 row loads, a 3-stage transpose of two-source shuffles, 8 stores of 8 floats (a scalar copy writes
     * each float alone, {@code stride} floats apart).
     */
    private static void transposeBlock(MemorySegment a, long row0, long rowBytes, float alpha, float[] dst, int base, int stride) {
        FloatVector r0 = FloatVector.fromMemorySegment(A_PANEL, a, row0, NATIVE).mul(alpha);
        FloatVector r1 = FloatVector.fromMemorySegment(A_PANEL, a, row0 + rowBytes, NATIVE).mul(alpha);
        FloatVector r2 = FloatVector.fromMemorySegment(A_PANEL, a, row0 + 2 * rowBytes, NATIVE).mul(alpha);
        FloatVector r3 = FloatVector.fromMemorySegment(A_PANEL, a, row0 + 3 * rowBytes, NATIVE).mul(alpha);
        FloatVector r4 = FloatVector.fromMemorySegment(A_PANEL, a, row0 + 4 * rowBytes, NATIVE).mul(alpha);
        FloatVector r5 = FloatVector.fromMemorySegment(A_PANEL, a, row0 + 5 * rowBytes, NATIVE).mul(alpha);
        FloatVector r6 = FloatVector.fromMemorySegment(A_PANEL, a, row0 + 6 * rowBytes, NATIVE).mul(alpha);
        FloatVector r7 = FloatVector.fromMemorySegment(A_PANEL, a, row0 + 7 * rowBytes, NATIVE).mul(alpha);
        // pairs: [r0[0] r1[0] r0[1] r1[1] r0[2] r1[2] r0[3] r1[3]] and the upper half
        FloatVector a0 = r0.rearrange(PAIRS_LO, r1), b0 = r0.rearrange(PAIRS_HI, r1);
        FloatVector a2 = r2.rearrange(PAIRS_LO, r3), b2 = r2.rearrange(PAIRS_HI, r3);
        FloatVector a4 = r4.rearrange(PAIRS_LO, r5), b4 = r4.rearrange(PAIRS_HI, r5);
        FloatVector a6 = r6.rearrange(PAIRS_LO, r7), b6 = r6.rearrange(PAIRS_HI, r7);
        // quads: [r0[0] r1[0] r2[0] r3[0] r0[1] r1[1] r2[1] r3[1]] …
        FloatVector c0 = a0.rearrange(QUADS_LO, a2), c1 = a0.rearrange(QUADS_HI, a2);
        FloatVector c2 = b0.rearrange(QUADS_LO, b2), c3 = b0.rearrange(QUADS_HI, b2);
        FloatVector c4 = a4.rearrange(QUADS_LO, a6), c5 = a4.rearrange(QUADS_HI, a6);
        FloatVector c6 = b4.rearrange(QUADS_LO, b6), c7 = b4.rearrange(QUADS_HI, b6);
        c0.rearrange(HALVES_LO, c4).intoArray(dst, base);
        c0.rearrange(HALVES_HI, c4).intoArray(dst, base + stride);
        c1.rearrange(HALVES_LO, c5).intoArray(dst, base + 2 * stride);
        c1.rearrange(HALVES_HI, c5).intoArray(dst, base + 3 * stride);
        c2.rearrange(HALVES_LO, c6).intoArray(dst, base + 4 * stride);
        c2.rearrange(HALVES_HI, c6).intoArray(dst, base + 5 * stride);
        c3.rearrange(HALVES_LO, c7).intoArray(dst, base + 6 * stride);
        c3.rearrange(HALVES_HI, c7).intoArray(dst, base + 7 * stride);
    }

    /**
     * Packs depth [p0, p0+kc) × columns [j0, j0+nc) of op(B) into NR-column panels: panel s holds element
     * (p0 + p, j0 + s·NR + jj) at {@code dstOff + s·NR·kc + p·NR + jj}; columns past nc are zero.
     */
    static void packB(boolean transB, MemorySegment b, long bOff, int ldb, int p0, int kc, int j0, int nc, float[] dst, int dstOff) {
        for (int s = 0; s < nc; s += NR) {
            int cols = Math.min(NR, nc - s);
            int base = dstOff + s * kc;
            if (transB) {
                // op(B) columns are rows in memory: 8 columns × 8 depths at a time transposed in registers, the
                // rest (columns past the last full 8, depths past the last full 8) one float at a time
                int full = cols / MR * MR, p = kc / MR * MR;
                for (int jj = 0; jj < full; jj += MR) {
                    long row0 = (bOff + (long) (j0 + s + jj) * ldb + p0) * Float.BYTES;
                    for (int q = 0; q < p; q += MR) transposeBlock(b, row0 + (long) q * Float.BYTES, (long) ldb * Float.BYTES, 1f, dst, base + q * NR + jj, NR);
                }
                for (int jj = 0; jj < NR; jj++) {
                    long src = bOff + (long) (j0 + s + jj) * ldb + p0;
                    if (jj < cols) {
                        for (int q = jj < full ? p : 0; q < kc; q++) dst[base + q * NR + jj] = b.getAtIndex(FLOAT, src + q);
                    } else {
                        for (int q = 0; q < kc; q++) dst[base + q * NR + jj] = 0f;
                    }
                }
            } else {
                VectorMask<Float> lo = F.indexInRange(0, cols), hi = F.indexInRange(L, cols);
                for (int p = 0; p < kc; p++) {
                    long src = (bOff + (long) (p0 + p) * ldb + j0 + s) * Float.BYTES;
                    FloatVector.fromMemorySegment(F, b, src, NATIVE, lo).intoArray(dst, base + p * NR);
                    FloatVector.fromMemorySegment(F, b, src + (long) L * Float.BYTES, NATIVE, hi).intoArray(dst, base + p * NR + L);
                }
            }
        }
    }

    /**
     * tile (MR×NR, row-major) = packed A panel · packed B panel, accumulated in 2·MR vector registers.
     * The accumulators leave the kernel through the tile array so that no vector crosses a call.
     */
    static void microKernel(int kc, float[] a, int aBase, float[] b, int bBase, float[] tile) {
        FloatVector z = FloatVector.zero(F);
        FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
        FloatVector c40 = z, c41 = z, c50 = z, c51 = z, c60 = z, c61 = z, c70 = z, c71 = z;
        for (int p = 0; p < kc; p++) {
            int bi = bBase + p * NR, ai = aBase + p * MR;
            FloatVector b0 = FloatVector.fromArray(F, b, bi), b1 = FloatVector.fromArray(F, b, bi + L);
            FloatVector x;
            x = FloatVector.broadcast(F, a[ai]);     c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(F, a[ai + 1]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(F, a[ai + 2]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(F, a[ai + 3]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(F, a[ai + 4]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(F, a[ai + 5]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(F, a[ai + 6]); c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(F, a[ai + 7]); c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
        }
        c00.intoArray(tile, 0);          c01.intoArray(tile, L);
        c10.intoArray(tile, NR);         c11.intoArray(tile, NR + L);
        c20.intoArray(tile, 2 * NR);     c21.intoArray(tile, 2 * NR + L);
        c30.intoArray(tile, 3 * NR);     c31.intoArray(tile, 3 * NR + L);
        c40.intoArray(tile, 4 * NR);     c41.intoArray(tile, 4 * NR + L);
        c50.intoArray(tile, 5 * NR);     c51.intoArray(tile, 5 * NR + L);
        c60.intoArray(tile, 6 * NR);     c61.intoArray(tile, 6 * NR + L);
        c70.intoArray(tile, 7 * NR);     c71.intoArray(tile, 7 * NR + L);
    }

    /** C tile (mr ≤ MR rows, nr ≤ NR columns from element {@code cIdx}) = tile + beta·C; C is not read when beta is 0. */
    static void updateC(float[] tile, MemorySegment c, long cIdx, int ldc, int mr, int nr, float beta) {
        FloatVector betaV = FloatVector.broadcast(F, beta);
        for (int row = 0; row < mr; row++) {
            long at = (cIdx + (long) row * ldc) * Float.BYTES;
            for (int col = 0; col < nr; col += L) {
                long where = at + (long) col * Float.BYTES;
                FloatVector acc = FloatVector.fromArray(F, tile, row * NR + col);
                if (col + L <= nr) {
                    if (beta != 0f) acc = FloatVector.fromMemorySegment(F, c, where, NATIVE).fma(betaV, acc);
                    acc.intoMemorySegment(c, where, NATIVE);
                } else {
                    VectorMask<Float> valid = F.indexInRange(col, nr);
                    if (beta != 0f) acc = FloatVector.fromMemorySegment(F, c, where, NATIVE, valid).fma(betaV, acc);
                    acc.intoMemorySegment(c, where, NATIVE, valid);
                }
            }
        }
    }
}

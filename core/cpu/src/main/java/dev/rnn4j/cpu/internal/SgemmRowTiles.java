package dev.rnn4j.cpu.internal;

import static dev.rnn4j.cpu.internal.SgemmKernel.F;
import static dev.rnn4j.cpu.internal.SgemmKernel.L;
import static dev.rnn4j.cpu.internal.SgemmKernel.MR;
import static dev.rnn4j.cpu.internal.SgemmKernel.NR;

import jdk.incubator.vector.FloatVector;

/**
 * The products of a time step's row block, for the RNN time loops: rows [0, rows) of A, read in place from a
 * heap array (row r at {@code aOff + r·lda}, depth kc contiguous), times packed B panels (NR columns each, depth kc
 * contiguous per column block as {@link SgemmKernel#packB} lays them out), into tiles of NR columns with row
 * stride {@code ldt} in a heap array. The gate math then reads the tiles while they are in L1.
 *
 * <p>Each tile element is one fma chain over k starting from zero, the same in every variant, so its bits depend
 * neither on the variant nor on the other rows of the block. The variants trade rows for panels, so that a
 * block of few rows still keeps 8 to 16 independent accumulators: {@link #rows8} (up to 8 rows, one panel),
 * {@link #rows4} (up to 4 rows, 2 panels), {@link #rows2} (up to 2 rows, 4 panels) and {@link #rows1} (one row,
 * 4 panels). Rows past {@code rows} repeat the last row and are not stored. The panels of one call come from
 * {@code bOffs[at …]} and go to {@code tOffs[at …]}.
 */
final class SgemmRowTiles {

    private SgemmRowTiles() {
    }

    /** The variant for a block of {@code rows} rows: how many panels one call takes. */
    static int panelsPerCall(int rows) {
        return rows > 4 ? 1 : rows > 2 ? 2 : 4;
    }

    /** Runs the variant for {@code rows} on the panels {@code at} to {@code at + panelsPerCall(rows) - 1}. */
    static void run(int kc, float[] a, int aOff, int lda, int rows, float[] b, int[] bOffs, float[] tile, int[] tOffs, int at, int ldt) {
        if (rows > 4) {
            rows8(kc, a, aOff, lda, rows, b, bOffs[at], tile, tOffs[at], ldt);
        } else if (rows > 2) {
            rows4(kc, a, aOff, lda, rows, b, bOffs[at], bOffs[at + 1], tile, tOffs[at], tOffs[at + 1], ldt);
        } else if (rows == 2) {
            rows2(kc, a, aOff, lda, b, bOffs, tile, tOffs, at, ldt);
        } else {
            rows1(kc, a, aOff, b, bOffs, tile, tOffs, at);
        }
    }

    /** Up to 8 rows × one panel. */
    static void rows8(int kc, float[] a, int aOff, int lda, int rows, float[] b, int bOff, float[] tile, int tOff, int ldt) {
        int last = rows - 1;
        int a0 = aOff, a1 = aOff + Math.min(1, last) * lda, a2 = aOff + Math.min(2, last) * lda, a3 = aOff + Math.min(3, last) * lda;
        int a4 = aOff + Math.min(4, last) * lda, a5 = aOff + Math.min(5, last) * lda, a6 = aOff + Math.min(6, last) * lda;
        int a7 = aOff + Math.min(7, last) * lda;
        FloatVector z = FloatVector.zero(F);
        FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
        FloatVector c40 = z, c41 = z, c50 = z, c51 = z, c60 = z, c61 = z, c70 = z, c71 = z;
        for (int p = 0; p < kc; p++) {
            int bi = bOff + p * NR;
            FloatVector b0 = FloatVector.fromArray(F, b, bi), b1 = FloatVector.fromArray(F, b, bi + L);
            FloatVector x;
            x = FloatVector.broadcast(F, a[a0 + p]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(F, a[a1 + p]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(F, a[a2 + p]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(F, a[a3 + p]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(F, a[a4 + p]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(F, a[a5 + p]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(F, a[a6 + p]); c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(F, a[a7 + p]); c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
        }
        row(c00, c01, tile, tOff);
        if (rows > 1) row(c10, c11, tile, tOff + ldt);
        if (rows > 2) row(c20, c21, tile, tOff + 2 * ldt);
        if (rows > 3) row(c30, c31, tile, tOff + 3 * ldt);
        if (rows > 4) row(c40, c41, tile, tOff + 4 * ldt);
        if (rows > 5) row(c50, c51, tile, tOff + 5 * ldt);
        if (rows > 6) row(c60, c61, tile, tOff + 6 * ldt);
        if (rows > 7) row(c70, c71, tile, tOff + 7 * ldt);
    }

    /** One tile row of a panel: its two vectors from {@code at}. */
    private static void row(FloatVector lo, FloatVector hi, float[] tile, int at) {
        lo.intoArray(tile, at);
        hi.intoArray(tile, at + L);
    }

    /** Up to 4 rows × 2 panels. */
    static void rows4(int kc, float[] a, int aOff, int lda, int rows, float[] b, int bOff0, int bOff1, float[] tile, int tOff0, int tOff1,
                      int ldt) {
        int last = rows - 1;
        int a0 = aOff, a1 = aOff + Math.min(1, last) * lda, a2 = aOff + Math.min(2, last) * lda, a3 = aOff + Math.min(3, last) * lda;
        FloatVector z = FloatVector.zero(F);
        FloatVector c00 = z, c01 = z, c02 = z, c03 = z, c10 = z, c11 = z, c12 = z, c13 = z;
        FloatVector c20 = z, c21 = z, c22 = z, c23 = z, c30 = z, c31 = z, c32 = z, c33 = z;
        for (int p = 0; p < kc; p++) {
            int bi = bOff0 + p * NR, bj = bOff1 + p * NR;
            FloatVector b0 = FloatVector.fromArray(F, b, bi), b1 = FloatVector.fromArray(F, b, bi + L);
            FloatVector b2 = FloatVector.fromArray(F, b, bj), b3 = FloatVector.fromArray(F, b, bj + L);
            FloatVector x;
            x = FloatVector.broadcast(F, a[a0 + p]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01); c02 = x.fma(b2, c02); c03 = x.fma(b3, c03);
            x = FloatVector.broadcast(F, a[a1 + p]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11); c12 = x.fma(b2, c12); c13 = x.fma(b3, c13);
            x = FloatVector.broadcast(F, a[a2 + p]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21); c22 = x.fma(b2, c22); c23 = x.fma(b3, c23);
            x = FloatVector.broadcast(F, a[a3 + p]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31); c32 = x.fma(b2, c32); c33 = x.fma(b3, c33);
        }
        row(c00, c01, tile, tOff0);
        row(c02, c03, tile, tOff1);
        if (rows > 1) {
            row(c10, c11, tile, tOff0 + ldt);
            row(c12, c13, tile, tOff1 + ldt);
        }
        if (rows > 2) {
            row(c20, c21, tile, tOff0 + 2 * ldt);
            row(c22, c23, tile, tOff1 + 2 * ldt);
        }
        if (rows > 3) {
            row(c30, c31, tile, tOff0 + 3 * ldt);
            row(c32, c33, tile, tOff1 + 3 * ldt);
        }
    }

    /** Two rows × 4 panels. */
    static void rows2(int kc, float[] a, int aOff, int lda, float[] b, int[] bOffs, float[] tile, int[] tOffs, int at, int ldt) {
        int a0 = aOff, a1 = aOff + lda;
        int p0 = bOffs[at], p1 = bOffs[at + 1], p2 = bOffs[at + 2], p3 = bOffs[at + 3];
        FloatVector z = FloatVector.zero(F);
        FloatVector c00 = z, c01 = z, c02 = z, c03 = z, c04 = z, c05 = z, c06 = z, c07 = z;
        FloatVector c10 = z, c11 = z, c12 = z, c13 = z, c14 = z, c15 = z, c16 = z, c17 = z;
        for (int p = 0; p < kc; p++) {
            int o = p * NR;
            FloatVector b0 = FloatVector.fromArray(F, b, p0 + o), b1 = FloatVector.fromArray(F, b, p0 + o + L);
            FloatVector b2 = FloatVector.fromArray(F, b, p1 + o), b3 = FloatVector.fromArray(F, b, p1 + o + L);
            FloatVector b4 = FloatVector.fromArray(F, b, p2 + o), b5 = FloatVector.fromArray(F, b, p2 + o + L);
            FloatVector b6 = FloatVector.fromArray(F, b, p3 + o), b7 = FloatVector.fromArray(F, b, p3 + o + L);
            FloatVector x = FloatVector.broadcast(F, a[a0 + p]), y = FloatVector.broadcast(F, a[a1 + p]);
            c00 = x.fma(b0, c00); c01 = x.fma(b1, c01); c02 = x.fma(b2, c02); c03 = x.fma(b3, c03);
            c04 = x.fma(b4, c04); c05 = x.fma(b5, c05); c06 = x.fma(b6, c06); c07 = x.fma(b7, c07);
            c10 = y.fma(b0, c10); c11 = y.fma(b1, c11); c12 = y.fma(b2, c12); c13 = y.fma(b3, c13);
            c14 = y.fma(b4, c14); c15 = y.fma(b5, c15); c16 = y.fma(b6, c16); c17 = y.fma(b7, c17);
        }
        int t0 = tOffs[at], t1 = tOffs[at + 1], t2 = tOffs[at + 2], t3 = tOffs[at + 3];
        row(c00, c01, tile, t0);
        row(c02, c03, tile, t1);
        row(c04, c05, tile, t2);
        row(c06, c07, tile, t3);
        row(c10, c11, tile, t0 + ldt);
        row(c12, c13, tile, t1 + ldt);
        row(c14, c15, tile, t2 + ldt);
        row(c16, c17, tile, t3 + ldt);
    }

    /** One row × 4 panels. */
    static void rows1(int kc, float[] a, int aOff, float[] b, int[] bOffs, float[] tile, int[] tOffs, int at) {
        int p0 = bOffs[at], p1 = bOffs[at + 1], p2 = bOffs[at + 2], p3 = bOffs[at + 3];
        FloatVector z = FloatVector.zero(F);
        FloatVector c0 = z, c1 = z, c2 = z, c3 = z, c4 = z, c5 = z, c6 = z, c7 = z;
        for (int p = 0; p < kc; p++) {
            int o = p * NR;
            FloatVector x = FloatVector.broadcast(F, a[aOff + p]);
            c0 = x.fma(FloatVector.fromArray(F, b, p0 + o), c0);
            c1 = x.fma(FloatVector.fromArray(F, b, p0 + o + L), c1);
            c2 = x.fma(FloatVector.fromArray(F, b, p1 + o), c2);
            c3 = x.fma(FloatVector.fromArray(F, b, p1 + o + L), c3);
            c4 = x.fma(FloatVector.fromArray(F, b, p2 + o), c4);
            c5 = x.fma(FloatVector.fromArray(F, b, p2 + o + L), c5);
            c6 = x.fma(FloatVector.fromArray(F, b, p3 + o), c6);
            c7 = x.fma(FloatVector.fromArray(F, b, p3 + o + L), c7);
        }
        int t0 = tOffs[at], t1 = tOffs[at + 1], t2 = tOffs[at + 2], t3 = tOffs[at + 3];
        row(c0, c1, tile, t0);
        row(c2, c3, tile, t1);
        row(c4, c5, tile, t2);
        row(c6, c7, tile, t3);
    }
}

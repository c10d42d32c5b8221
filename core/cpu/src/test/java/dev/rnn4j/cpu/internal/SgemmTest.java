package dev.rnn4j.cpu.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The blocked, threaded Sgemm against the double-precision triple loop. */
class SgemmTest {

    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT;

    /** m, n, k: tiny, primes, tile edges, past KC/MC/NC blocking, and large enough to run threaded. */
    private static final int[][] SHAPES = {
            {1, 1, 1}, {1, 1, 0}, {3, 5, 0}, {2, 3, 1}, {7, 13, 17}, {8, 32, 8}, {9, 33, 31}, {1, 47, 3}, {47, 1, 3},
            {17, 65, 257}, {151, 37, 19}, {5, 2053, 3}, {97, 211, 281}, {144, 128, 256}
    };

    @Test
    void everyTransposeShapeAlphaBetaAndPadding() {
        Random rnd = new Random(15);
        float[][] alphaBeta = {{1f, 0f}, {0.5f, -1.25f}, {-2f, 1f}};
        for (int[] shape : SHAPES) {
            for (int t = 0; t < 4; t++) {
                float[] ab = alphaBeta[(t + shape[0]) % alphaBeta.length];
                check(rnd, t >= 2, (t & 1) == 1, shape[0], shape[1], shape[2], ab[0], ab[1], 1 + rnd.nextInt(3));
            }
        }
    }

    @Test
    void largeThreadedProductWithPaddedLeadingDimensions() {
        Random rnd = new Random(16);
        assertTrue(200L * 190 * 300 > Sgemm.PARALLEL_MIN_MACS, "this shape runs on the worker threads");
        check(rnd, false, false, 200, 190, 300, 1f, 0.5f, 5);
        check(rnd, true, true, 190, 200, 300, 1f, 0f, 0);
        check(rnd, false, true, 300, 130, 280, -1f, 1f, 2);
        check(rnd, true, false, 300, 130, 281, 1f, 0f, 1);
    }

    @Test
    void zeroAlphaOrDepthScalesByBetaAndBetaZeroIgnoresNaN() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment a = arena.allocate(4 * 4), b = arena.allocate(4 * 4), c = arena.allocate(4 * 4);
            for (int i = 0; i < 4; i++) {
                a.setAtIndex(F, i, 1f);
                b.setAtIndex(F, i, 2f);
                c.setAtIndex(F, i, Float.NaN);
            }
            Sgemm.gemm(TestThreads.ALL_CORES, false, false, 2, 2, 2, 1f, a, 0, 2, b, 0, 2, 0f, c, 0, 2);
            for (int i = 0; i < 4; i++) assertEquals(4f, c.getAtIndex(F, i));
            Sgemm.gemm(TestThreads.ALL_CORES, false, false, 2, 2, 0, 1f, a, 0, 2, b, 0, 2, 0.5f, c, 0, 2);
            for (int i = 0; i < 4; i++) assertEquals(2f, c.getAtIndex(F, i));
            Sgemm.gemm(TestThreads.ALL_CORES, false, false, 2, 2, 2, 0f, a, 0, 2, b, 0, 2, 2f, c, 0, 2);
            for (int i = 0; i < 4; i++) assertEquals(4f, c.getAtIndex(F, i));
        }
    }

    @Test
    void operandsOutsideTheirSegmentAreRejectedBeforeWriting() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment small = arena.allocate(4 * 4), c = arena.allocate(4 * 4);
            var e = assertThrows(IndexOutOfBoundsException.class, () -> Sgemm.gemm(TestThreads.ALL_CORES, false, false, 2, 2, 3, 1f, small, 0, 3, small, 0, 2, 0f, c, 0, 2));
            assertTrue(e.getMessage().contains("a (2x3, ld 3, offset 0) ends past its segment"), e.getMessage());
            var ld = assertThrows(IllegalArgumentException.class, () -> Sgemm.gemm(TestThreads.ALL_CORES, false, false, 2, 2, 2, 1f, small, 0, 1, small, 0, 2, 0f, c, 0, 2));
            assertTrue(ld.getMessage().contains("leading dimension 1 of a"), ld.getMessage());
            assertThrows(IllegalArgumentException.class, () -> Sgemm.gemm(TestThreads.ALL_CORES, false, false, -1, 2, 2, 1f, small, 0, 2, small, 0, 2, 0f, c, 0, 2));
        }
    }

    @Test
    void packedBPanelsMatchOpBAndRejectShortArraysAndSegments() {
        Random rnd = new Random(17);
        for (boolean transB : new boolean[] {false, true}) {
            int k = 9, n = 37, j0 = 5, off = 3, ldb = transB ? k + 2 : j0 + n + 2;
            float[] b = random(rnd, off + (transB ? j0 + n : k) * ldb);
            float[] packed = new float[7 + Sgemm.packedBSize(k, n)];
            try (Arena arena = Arena.ofConfined()) {
                Sgemm.packB(transB, k, n, copy(arena, b), off, ldb, j0, packed, 7);
            }
            for (int j = 0; j < Math.ceilDiv(n, SgemmKernel.NR) * SgemmKernel.NR; j++) {
                for (int p = 0; p < k; p++) {
                    float want = j >= n ? 0f : transB ? b[off + (j0 + j) * ldb + p] : b[off + p * ldb + j0 + j];
                    int panel = j / SgemmKernel.NR, jj = j % SgemmKernel.NR;
                    assertEquals(want, packed[7 + panel * SgemmKernel.NR * k + p * SgemmKernel.NR + jj], "transB=" + transB + " p=" + p + " j=" + j);
                }
            }
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment b = arena.allocate(4 * 4);
            float[] packed = new float[Sgemm.packedBSize(2, 2)];
            assertThrows(IndexOutOfBoundsException.class, () -> Sgemm.packB(false, 3, 2, b, 0, 2, 0, packed, 0));
            assertThrows(IndexOutOfBoundsException.class, () -> Sgemm.packB(false, 2, 2, b, 0, 2, 0, new float[3], 0));
            assertThrows(IllegalArgumentException.class, () -> Sgemm.packB(false, -1, 2, b, 0, 2, 0, packed, 0));
        }
    }

    /**
     * The time loops' row-block products ({@link RnnPanels} over {@link SgemmRowTiles}) for 1 to 8 rows, several
     * panels and two column classes of A, against the oracle; and every element has the same bits whichever
     * variant computed it (the row count picks the variant), so a sequence's result does not depend on how many
     * others share its step.
     */
    @Test
    void rowTilesOfEveryRowCountMatchTheOracleAndEachOtherBitForBit() {
        Random rnd = new Random(23);
        int width = 21, hidden = 70, depth = width + hidden, lda = depth + 5, panels = Math.ceilDiv(hidden, SgemmKernel.NR);
        int ldt = panels * SgemmKernel.NR, slotFloats = SgemmKernel.MR * ldt;
        float[] a = random(rnd, 3 + SgemmKernel.MR * lda);
        float[] w = random(rnd, hidden * depth); // [hidden, depth]: op(B) = w^T
        float[] packed = new float[Sgemm.packedBSize(depth, hidden)];
        try (Arena arena = Arena.ofConfined()) {
            for (int p = 0; p < panels; p++) {
                int cols = Math.min(SgemmKernel.NR, hidden - p * SgemmKernel.NR);
                Sgemm.packB(true, depth, cols, copy(arena, w), 0, depth, p * SgemmKernel.NR, packed, p * depth * SgemmKernel.NR);
            }
        }
        // slot 0: all of A's columns; slot 1: the first width columns; slot 2: the rest
        RnnPanels jobs = new RnnPanels(packed, ldt).beginPanel().beginClass(0, depth);
        for (int p = 0; p < panels; p++) jobs.add(p * depth * SgemmKernel.NR, p * SgemmKernel.NR);
        jobs.beginClass(0, width);
        for (int p = 0; p < panels; p++) jobs.add(p * depth * SgemmKernel.NR, slotFloats + p * SgemmKernel.NR);
        jobs.beginClass(width, hidden);
        for (int p = 0; p < panels; p++) jobs.add(p * depth * SgemmKernel.NR + width * SgemmKernel.NR, 2 * slotFloats + p * SgemmKernel.NR);
        jobs.done();
        float[] byEight = null;
        for (int rows = SgemmKernel.MR; rows >= 1; rows--) {
            float[] tiles = new float[3 * slotFloats];
            jobs.run(0, rows, a, 3, lda, tiles);
            for (int slot = 0; slot < 3; slot++) {
                int from = slot == 2 ? width : 0, to = slot == 1 ? width : depth;
                for (int r = 0; r < rows; r++) {
                    for (int j = 0; j < hidden; j++) {
                        double want = 0, bound = 0;
                        for (int p = from; p < to; p++) {
                            want += (double) a[3 + r * lda + p] * w[j * depth + p];
                            bound += Math.abs((double) a[3 + r * lda + p] * w[j * depth + p]);
                        }
                        float got = tiles[slot * slotFloats + r * ldt + j];
                        assertEquals(want, got, 1e-5 * bound + 1e-6, "rows=" + rows + " slot=" + slot + " r=" + r + " j=" + j);
                        if (byEight != null) {
                            assertEquals(Float.floatToIntBits(byEight[slot * slotFloats + r * ldt + j]), Float.floatToIntBits(got),
                                    "rows=" + rows + " slot=" + slot + " r=" + r + " j=" + j + ": bits differ from the 8-row variant");
                        }
                    }
                }
            }
            if (byEight == null) byEight = tiles;
        }
    }

    /** One product with random data, leading dimensions padded by {@code pad} and a nonzero offset, vs the oracle. */
    private static void check(Random rnd, boolean transA, boolean transB, int m, int n, int k, float alpha, float beta, int pad) {
        int aRows = transA ? k : m, aCols = transA ? m : k, bRows = transB ? n : k, bCols = transB ? k : n;
        int lda = aCols + pad, ldb = bCols + pad, ldc = n + pad, off = 3;
        float[] a = random(rnd, off + aRows * lda), b = random(rnd, off + bRows * ldb), c = random(rnd, off + m * ldc);
        double[] expected = GemmOracle.gemm(transA, transB, m, n, k, alpha, a, off, lda, b, off, ldb, beta, c, off, ldc);
        double[] bound = GemmOracle.gemm(transA, transB, m, n, k, Math.abs(alpha), abs(a), off, lda, abs(b), off, ldb, Math.abs(beta), abs(c), off, ldc);
        // shared memory may run on the worker threads; memory confined to this thread must stay on it
        try (Arena arena = (m + n + k) % 2 == 0 ? Arena.ofShared() : Arena.ofConfined()) {
            MemorySegment sa = copy(arena, a), sb = copy(arena, b), sc = copy(arena, c);
            Sgemm.gemm(TestThreads.ALL_CORES, transA, transB, m, n, k, alpha, sa, off, lda, sb, off, ldb, beta, sc, off, ldc);
            float[] actual = sc.toArray(F);
            for (int i = 0; i < actual.length; i++) {
                boolean inC = i >= off && (i - off) % ldc < n && (i - off) / ldc < m;
                double want = inC ? expected[i] : c[i];
                double tol = inC ? 1e-5 * bound[i] + 1e-6 : 0;
                if (!(Math.abs(actual[i] - want) <= tol)) {
                    fail("m=" + m + " n=" + n + " k=" + k + " transA=" + transA + " transB=" + transB + " alpha=" + alpha + " beta=" + beta
                            + ": element " + i + " (row " + (i - off) / ldc + ", col " + (i - off) % ldc + ") expected " + want + " but was " + actual[i]);
                }
            }
        }
    }

    private static float[] random(Random rnd, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = rnd.nextFloat() * 2 - 1;
        return x;
    }

    private static float[] abs(float[] x) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) y[i] = Math.abs(x[i]);
        return y;
    }

    private static MemorySegment copy(Arena arena, float[] x) {
        MemorySegment s = arena.allocate((long) x.length * 4);
        MemorySegment.copy(x, 0, s, F, 0, x.length);
        return s;
    }
}

package dev.rnn4j.cpu;

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
            Sgemm.gemm(false, false, 2, 2, 2, 1f, a, 0, 2, b, 0, 2, 0f, c, 0, 2);
            for (int i = 0; i < 4; i++) assertEquals(4f, c.getAtIndex(F, i));
            Sgemm.gemm(false, false, 2, 2, 0, 1f, a, 0, 2, b, 0, 2, 0.5f, c, 0, 2);
            for (int i = 0; i < 4; i++) assertEquals(2f, c.getAtIndex(F, i));
            Sgemm.gemm(false, false, 2, 2, 2, 0f, a, 0, 2, b, 0, 2, 2f, c, 0, 2);
            for (int i = 0; i < 4; i++) assertEquals(4f, c.getAtIndex(F, i));
        }
    }

    @Test
    void operandsOutsideTheirSegmentAreRejectedBeforeWriting() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment small = arena.allocate(4 * 4), c = arena.allocate(4 * 4);
            var e = assertThrows(IndexOutOfBoundsException.class, () -> Sgemm.gemm(false, false, 2, 2, 3, 1f, small, 0, 3, small, 0, 2, 0f, c, 0, 2));
            assertTrue(e.getMessage().contains("a (2x3, ld 3, offset 0) ends past its segment"), e.getMessage());
            var ld = assertThrows(IllegalArgumentException.class, () -> Sgemm.gemm(false, false, 2, 2, 2, 1f, small, 0, 1, small, 0, 2, 0f, c, 0, 2));
            assertTrue(ld.getMessage().contains("leading dimension 1 of a"), ld.getMessage());
            assertThrows(IllegalArgumentException.class, () -> Sgemm.gemm(false, false, -1, 2, 2, 1f, small, 0, 2, small, 0, 2, 0f, c, 0, 2));
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
            Sgemm.gemm(transA, transB, m, n, k, alpha, sa, off, lda, sb, off, ldb, beta, sc, off, ldc);
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

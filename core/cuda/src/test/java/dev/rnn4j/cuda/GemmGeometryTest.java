package dev.rnn4j.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rnn4j.tensor.Shapes;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The row-major → column-major translation of GemmGeometry, checked by executing the cuBLAS call it
 * describes with a scalar column-major reference (what cublasGemmStridedBatchedEx computes) and comparing
 * with a row-major double-precision product.
 */
class GemmGeometryTest {

    /** Column-major C = op(A)·op(B) as cuBLAS defines it, on flat arrays. */
    private static void cublasReference(GemmGeometry g, double[] first, double[] second, double[] c) {
        for (int batch = 0; batch < g.batch(); batch++) {
            for (int i = 0; i < g.m(); i++) {
                for (int j = 0; j < g.n(); j++) {
                    double acc = 0;
                    for (int p = 0; p < g.k(); p++) {
                        double a = g.transFirst() ? first[(int) (batch * g.strideFirst() + p + (long) i * g.ldFirst())]
                                : first[(int) (batch * g.strideFirst() + i + (long) p * g.ldFirst())];
                        double b = g.transSecond() ? second[(int) (batch * g.strideSecond() + j + (long) p * g.ldSecond())]
                                : second[(int) (batch * g.strideSecond() + p + (long) j * g.ldSecond())];
                        acc += a * b;
                    }
                    c[(int) (batch * g.strideC() + i + (long) j * g.ldc())] = acc;
                }
            }
        }
    }

    private static void check(boolean transA, boolean transB, long batchA, long batchB, int batch, int m, int n, int k) {
        Random r = new Random(m * 31L + n * 7L + k + (transA ? 1000 : 0) + (transB ? 2000 : 0));
        long[] aShape = batch == 0 ? (transA ? new long[] {k, m} : new long[] {m, k}) : (transA ? new long[] {batchA, k, m} : new long[] {batchA, m, k});
        long[] bShape = batch == 0 ? (transB ? new long[] {n, k} : new long[] {k, n}) : (transB ? new long[] {batchB, n, k} : new long[] {batchB, k, n});
        long[] cShape = batch == 0 ? new long[] {m, n} : new long[] {batch, m, n};
        double[] a = r.doubles(Shapes.elementCount(aShape)).toArray();
        double[] b = r.doubles(Shapes.elementCount(bShape)).toArray();
        GemmGeometry g = GemmGeometry.of(transA, transB, aShape, Shapes.rowMajorStrides(aShape), bShape, Shapes.rowMajorStrides(bShape), cShape,
                Shapes.rowMajorStrides(cShape));
        double[] c = new double[(int) Shapes.elementCount(cShape)];
        cublasReference(g, b, a, c);
        int batches = Math.max(batch, 1);
        for (int q = 0; q < batches; q++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double expected = 0;
                    long ao = batch == 0 || batchA == 1 ? 0 : (long) q * m * k, bo = batch == 0 || batchB == 1 ? 0 : (long) q * k * n;
                    for (int p = 0; p < k; p++) {
                        double av = transA ? a[(int) (ao + (long) p * m + i)] : a[(int) (ao + (long) i * k + p)];
                        double bv = transB ? b[(int) (bo + (long) j * k + p)] : b[(int) (bo + (long) p * n + j)];
                        expected += av * bv;
                    }
                    assertEquals(expected, c[(q * m + i) * n + j], 1e-12, "transA=" + transA + " transB=" + transB + " at " + q + "," + i + "," + j);
                }
            }
        }
    }

    @Test
    void everyTransposeCombinationMatchesTheRowMajorProduct() {
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                check(ta, tb, 0, 0, 0, 3, 4, 5);
                check(ta, tb, 3, 3, 3, 2, 5, 4);
                check(ta, tb, 1, 3, 3, 4, 3, 2); // broadcast A
                check(ta, tb, 3, 1, 3, 4, 3, 2); // broadcast B
            }
        }
    }

    @Test
    void swapsOperandsAndDimensions() {
        long[] a = {3, 5}, b = {5, 4}, c = {3, 4};
        GemmGeometry g = GemmGeometry.of(false, true, a, Shapes.rowMajorStrides(a), new long[] {4, 5}, Shapes.rowMajorStrides(new long[] {4, 5}), c,
                Shapes.rowMajorStrides(c));
        assertEquals(new GemmGeometry(true, false, 4, 3, 5, 5, 5, 4, 0, 0, 0, 1), g);
        assertEquals(5, b[0]);
    }

    @Test
    void rowStrideOfAViewIsTheLeadingDimension() {
        // A is the left 3x5 block of a 3x8 matrix
        GemmGeometry g = GemmGeometry.of(false, false, new long[] {3, 5}, new long[] {8, 1}, new long[] {5, 4}, new long[] {4, 1}, new long[] {3, 4},
                new long[] {4, 1});
        assertEquals(8, g.ldSecond());
    }

    @Test
    void badShapesAreRejectedBeforeAnyCall() {
        long[] s = {3, 5};
        long[] st = Shapes.rowMajorStrides(s);
        var e = assertThrows(IllegalArgumentException.class, () -> GemmGeometry.of(false, false, s, st, s, st, new long[] {3, 5}, st));
        assertEquals("gemm: op(a) 3x5 · op(b) 3x5 does not give c 3x5 (transA=false, transB=false)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GemmGeometry.of(false, false, s, new long[] {5, 2}, new long[] {5, 5},
                new long[] {5, 1}, new long[] {3, 5}, st));
        assertThrows(IllegalArgumentException.class, () -> GemmGeometry.of(false, false, new long[] {2, 3, 5}, Shapes.rowMajorStrides(2, 3, 5),
                new long[] {3, 5, 4}, Shapes.rowMajorStrides(3, 5, 4), new long[] {3, 3, 4}, Shapes.rowMajorStrides(3, 3, 4)));
    }
}

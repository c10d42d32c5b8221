package dev.rnn4j.cpu.internal;

import static dev.rnn4j.cpu.internal.TestTensors.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CpuBlasTest {

    private final CpuBackend cpu = new CpuBackend();

    @Test
    void rank2EveryTransposeWithPaddedRows() {
        Random rnd = new Random(13);
        int m = 5, n = 6, k = 7;
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                try (TensorScope s = TensorScope.open()) {
                    int ar = ta ? k : m, ac = ta ? m : k, br = tb ? n : k, bc = tb ? k : n;
                    // operands are column slices of wider matrices: row stride > width
                    float[] a = random(rnd, ar * (ac + 2)), b = random(rnd, br * (bc + 3)), c = random(rnd, m * (n + 1));
                    Tensor tA = s.fromArray(a, ar, ac + 2).slice(1, 1, ac + 1);
                    Tensor tB = s.fromArray(b, br, bc + 3).slice(1, 0, bc);
                    Tensor tC = s.fromArray(c, m, n + 1).slice(1, 1, n + 1);
                    cpu.gemm(ta, tb, 0.5f, tA, tB, -1.5f, tC);
                    double[] expected = GemmOracle.gemm(ta, tb, m, n, k, 0.5, a, 1, ac + 2, b, 0, bc + 3, -1.5, c, 1, n + 1);
                    assertClose(expected, whole(tC, m, n + 1), 1e-5, "gemm transA=" + ta + " transB=" + tb);
                }
            }
        }
    }

    /** The whole backing matrix of a column-sliced view (to see that the padding was not written). */
    private static float[] whole(Tensor view, int rows, int cols) {
        return Tensor.contiguous(view.segment(), view.dtype(), rows, cols).toFloatArray();
    }

    @Test
    void stridedBatchedWithBroadcastOperand() {
        Random rnd = new Random(14);
        int batch = 3, m = 4, n = 5, k = 6;
        try (TensorScope s = TensorScope.open()) {
            float[] a = random(rnd, batch * m * k), b = random(rnd, k * n), c = random(rnd, batch * m * n);
            Tensor tC = s.fromArray(c, batch, m, n);
            cpu.gemm(false, false, 1f, s.fromArray(a, batch, m, k), s.fromArray(b, 1, k, n), 1f, tC);
            double[] expected = new double[batch * m * n];
            for (int i = 0; i < batch; i++) {
                float[] cb = java.util.Arrays.copyOfRange(c, i * m * n, (i + 1) * m * n);
                double[] e = GemmOracle.gemm(false, false, m, n, k, 1, a, i * m * k, k, b, 0, n, 1, cb, 0, n);
                System.arraycopy(e, 0, expected, i * m * n, m * n);
            }
            assertClose(expected, tC.toFloatArray(), 1e-5, "batched");

            // transposed batched: a is [batch, k, m] used as op(a) = a^T
            float[] at = random(rnd, batch * k * m), bt = random(rnd, batch * n * k);
            Tensor tC2 = s.zeros(batch, m, n);
            cpu.gemm(true, true, 2f, s.fromArray(at, batch, k, m), s.fromArray(bt, batch, n, k), 0f, tC2);
            for (int i = 0; i < batch; i++) {
                double[] e = GemmOracle.gemm(true, true, m, n, k, 2, at, i * k * m, m, bt, i * n * k, k, 0, new float[m * n], 0, n);
                System.arraycopy(e, 0, expected, i * m * n, m * n);
            }
            assertClose(expected, tC2.toFloatArray(), 1e-5, "batched transposed");
        }
    }

    @Test
    void badOperandsAreNamed() {
        try (TensorScope s = TensorScope.open()) {
            Tensor a = s.zeros(2, 3), b = s.zeros(4, 5), c = s.zeros(2, 5);
            var e = assertThrows(IllegalArgumentException.class, () -> cpu.gemm(false, false, 1f, a, b, 0f, c));
            assertTrue(e.getMessage().contains("inner dimensions differ"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> cpu.gemm(false, false, 1f, a, s.zeros(3, 5), 0f, s.zeros(2, 4)));
            assertTrue(e.getMessage().contains("c float32[2, 4]@cpu must be 2x5"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> cpu.gemm(false, false, 1f, s.zeros(3, 2).transpose(0, 1), s.zeros(3, 5), 0f, c));
            assertTrue(e.getMessage().contains("must have stride 1"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> cpu.gemm(false, false, 1f, s.zeros(2, 2, 3), s.zeros(3, 3, 5), 0f, s.zeros(2, 2, 5)));
            assertTrue(e.getMessage().contains("batch extent 3 of b"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> cpu.gemm(false, false, 1f, s.zeros(2, 2, 3), s.zeros(3, 5), 0f, c));
            assertTrue(e.getMessage().contains("same rank"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> cpu.gemm(false, false, 1f, null, b, 0f, c));
            assertTrue(e.getMessage().contains("a is null"), e.getMessage());
        }
    }
}

package dev.rnn4j.cpu.internal;

import static dev.rnn4j.cpu.internal.TestTensors.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CpuReductionsTest {

    private final CpuBackend cpu = new CpuBackend();

    @Test
    void sumsMatchDoubleOracle() {
        Random rnd = new Random(4);
        for (boolean strided : new boolean[] {false, true}) {
            try (TensorScope s = TensorScope.open()) {
                float[] x = random(rnd, 3 * 4 * 5);
                Tensor t = tensor(s, strided, x, 3, 4, 5);
                double sum = 0, sq = 0;
                double[] cols = new double[5];
                for (int i = 0; i < x.length; i++) {
                    sum += x[i];
                    sq += (double) x[i] * x[i];
                    cols[i % 5] += x[i];
                }
                assertEquals(sum, cpu.sum(t), 1e-5);
                assertEquals(sq, cpu.sumOfSquares(t), 1e-4);
                float[] old = random(rnd, 5);
                Tensor out = tensor(s, strided, old, 5);
                cpu.sumToLastDim(t, 0.5f, out);
                double[] expected = new double[5];
                for (int c = 0; c < 5; c++) expected[c] = cols[c] + 0.5 * old[c];
                assertClose(expected, out.toFloatArray(), 1e-6, "sumToLastDim");
                cpu.sumToLastDim(t, 0f, out);
                assertClose(cols, out.toFloatArray(), 1e-6, "sumToLastDim beta=0");
            }
        }
    }

    @Test
    void globalAveragePoolCountsOnlyValidSteps() {
        Random rnd = new Random(5);
        int b = 3, t = 4, f = 2;
        int[] lengths = {4, 1, 3};
        for (boolean strided : new boolean[] {false, true}) {
            try (TensorScope s = TensorScope.open()) {
                float[] x = random(rnd, b * t * f);
                Tensor tx = tensor(s, strided, x, b, t, f);
                Tensor out = tensor(s, strided, new float[b * f], b, f);
                for (int[] lens : new int[][] {lengths, null}) {
                    cpu.globalAveragePool(tx, lens, out);
                    double[] expected = new double[b * f];
                    for (int i = 0; i < b; i++) {
                        int len = lens == null ? t : lens[i];
                        for (int k = 0; k < f; k++) {
                            double acc = 0;
                            for (int j = 0; j < len; j++) acc += x[(i * t + j) * f + k];
                            expected[i * f + k] = acc / len;
                        }
                    }
                    assertClose(expected, out.toFloatArray(), 1e-6, "pool");
                }
                float[] dOut = random(rnd, b * f);
                Tensor dx = tensor(s, strided, random(rnd, b * t * f), b, t, f);
                cpu.globalAveragePoolBackward(tensor(s, strided, dOut, b, f), lengths, dx);
                double[] expected = new double[b * t * f];
                for (int i = 0; i < b; i++) {
                    for (int j = 0; j < lengths[i]; j++) {
                        for (int k = 0; k < f; k++) expected[(i * t + j) * f + k] = dOut[i * f + k] / (double) lengths[i];
                    }
                }
                assertClose(expected, dx.toFloatArray(), 1e-6, "pool backward");
                var e = assertThrows(IllegalArgumentException.class, () -> cpu.globalAveragePool(tx, new int[] {4, 0, 3}, out));
                assertTrue(e.getMessage().contains("seqLengths[1] = 0"), e.getMessage());
                e = assertThrows(IllegalArgumentException.class, () -> cpu.globalAveragePool(tx, new int[] {4, 5, 3}, out));
                assertTrue(e.getMessage().contains("seqLengths[1] = 5"), e.getMessage());
                e = assertThrows(IllegalArgumentException.class, () -> cpu.globalAveragePool(tx, new int[] {4}, out));
                assertTrue(e.getMessage().contains("batch"), e.getMessage());
            }
        }
    }
}

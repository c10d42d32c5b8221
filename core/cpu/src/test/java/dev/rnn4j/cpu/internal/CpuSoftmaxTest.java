package dev.rnn4j.cpu.internal;

import static dev.rnn4j.cpu.internal.TestTensors.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class CpuSoftmaxTest {

    private final CpuBackend cpu = new CpuBackend();

    /** Row-wise softmax or log-softmax in double. */
    private static double[] oracle(double[] x, int cols, boolean log) {
        double[] y = new double[x.length];
        for (int r = 0; r < x.length / cols; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < cols; c++) max = Math.max(max, x[r * cols + c]);
            double sum = 0;
            for (int c = 0; c < cols; c++) sum += Math.exp(x[r * cols + c] - max);
            for (int c = 0; c < cols; c++) {
                double z = x[r * cols + c] - max;
                y[r * cols + c] = log ? z - Math.log(sum) : Math.exp(z) / sum;
            }
        }
        return y;
    }

    /** Central differences of scalar f at x (double). */
    private static double[] gradient(Function<double[], Double> f, double[] x) {
        double h = 1e-6;
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double[] p = x.clone(), m = x.clone();
            p[i] += h;
            m[i] -= h;
            g[i] = (f.apply(p) - f.apply(m)) / (2 * h);
        }
        return g;
    }

    @Test
    void softmaxAndItsGradientMatchOracleAndFiniteDifferences() {
        Random rnd = new Random(6);
        int rows = 3, cols = 7;
        for (boolean strided : new boolean[] {false, true}) {
            for (boolean log : new boolean[] {false, true}) {
                try (TensorScope s = TensorScope.open()) {
                    float[] x = random(rnd, rows * cols);
                    x[0] = 80f; // large logits must not overflow
                    float[] dy = random(rnd, rows * cols);
                    Tensor tx = tensor(s, strided, x, rows, cols);
                    Tensor ty = tensor(s, strided, new float[rows * cols], rows, cols);
                    cpu.softmax(tx, ty, log);
                    assertClose(oracle(toDouble(x), cols, log), ty.toFloatArray(), 1e-6, "softmax log=" + log);

                    Tensor tdx = tensor(s, strided, new float[rows * cols], rows, cols);
                    cpu.softmaxBackward(ty, tensor(s, strided, dy, rows, cols), tdx, log);
                    double[] expected = gradient(z -> {
                        double[] y = oracle(z, cols, log);
                        double acc = 0;
                        for (int i = 0; i < y.length; i++) acc += y[i] * dy[i];
                        return acc;
                    }, toDouble(x));
                    assertClose(expected, tdx.toFloatArray(), 2e-5, "softmaxBackward log=" + log + " strided=" + strided);
                }
            }
        }
    }

    private static double crossEntropy(double[] logits, int[] labels, int cols, int ignore) {
        double[] logp = oracle(logits, cols, true);
        double loss = 0;
        int n = 0;
        for (int r = 0; r < labels.length; r++) {
            if (labels[r] == ignore) continue;
            loss -= logp[r * cols + labels[r]];
            n++;
        }
        return loss / n;
    }

    @Test
    void crossEntropyLossAndGradientWithIgnoreIndex() {
        Random rnd = new Random(7);
        int rows = 5, cols = 4, ignore = -100;
        int[] labels = {3, ignore, 0, 2, 1};
        for (boolean strided : new boolean[] {false, true}) {
            try (TensorScope s = TensorScope.open()) {
                float[] x = random(rnd, rows * cols);
                Tensor tx = tensor(s, strided, x, rows, cols);
                Tensor td = tensor(s, strided, random(rnd, rows * cols), rows, cols);
                float loss = cpu.softmaxCrossEntropy(tx, ints(s, labels, rows), ignore, td);
                assertEquals(crossEntropy(toDouble(x), labels, cols, ignore), loss, 1e-6);
                double[] expected = gradient(z -> crossEntropy(z, labels, cols, ignore), toDouble(x));
                assertClose(expected, td.toFloatArray(), 1e-5, "cross-entropy gradient strided=" + strided);
                for (int c = 0; c < cols; c++) assertEquals(0f, td.get(1, c), "ignored row has zero gradient");
                assertEquals(loss, cpu.softmaxCrossEntropy(tx, ints(s, labels, rows), ignore, null));
            }
        }
    }

    /** Analytic gradient (softmax − onehot) / counted in double; ignored rows zero. */
    private static double[] crossEntropyGradient(double[] logits, int[] labels, int cols, int ignore) {
        double[] p = oracle(logits, cols, false);
        long counted = java.util.Arrays.stream(labels).filter(l -> l != ignore).count();
        for (int r = 0; r < labels.length; r++) {
            for (int c = 0; c < cols; c++) {
                int i = r * cols + c;
                p[i] = labels[r] == ignore ? 0 : (p[i] - (c == labels[r] ? 1 : 0)) / counted;
            }
        }
        return p;
    }

    /** Enough rows for several parts of the vectorized path and a row width with a vector tail; strided takes the scalar path. */
    @Test
    void crossEntropyOverManyRowsMatchesDoubleOracle() {
        Random rnd = new Random(17);
        int rows = 1100, cols = 37, ignore = -1;
        float[] x = random(rnd, rows * cols);
        for (int i = 0; i < x.length; i += 101) x[i] *= 30f;
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) labels[r] = r % 13 == 5 ? ignore : rnd.nextInt(cols);
        double expectedLoss = crossEntropy(toDouble(x), labels, cols, ignore);
        double[] expectedGradient = crossEntropyGradient(toDouble(x), labels, cols, ignore);
        for (boolean strided : new boolean[] {false, true}) {
            try (TensorScope s = TensorScope.open()) {
                Tensor tx = tensor(s, strided, x, rows, cols);
                Tensor td = tensor(s, strided, random(rnd, rows * cols), rows, cols);
                float loss = cpu.softmaxCrossEntropy(tx, ints(s, labels, rows), ignore, td);
                assertEquals(expectedLoss, loss, 1e-6 * expectedLoss, "loss strided=" + strided);
                assertClose(expectedGradient, td.toFloatArray(), 1e-9, "gradient strided=" + strided);
                assertEquals(loss, cpu.softmaxCrossEntropy(tx, ints(s, labels, rows), ignore, null), "loss without gradient");
            }
        }
    }

    /** The row partition is fixed: memory confined to this thread (no workers) gives the same bits as shared memory. */
    @Test
    void crossEntropyIsTheSameWithAndWithoutWorkerThreads() {
        Random rnd = new Random(18);
        int rows = 1500, cols = 20;
        float[] x = random(rnd, rows * cols);
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) labels[r] = rnd.nextInt(cols);
        float[][] gradients = new float[2][];
        float[] losses = new float[2];
        for (int confined = 0; confined < 2; confined++) {
            try (java.lang.foreign.Arena arena = confined == 1 ? java.lang.foreign.Arena.ofConfined() : java.lang.foreign.Arena.ofShared()) {
                TensorScope s = TensorScope.of(arena);
                Tensor d = s.zeros(rows, cols);
                losses[confined] = cpu.softmaxCrossEntropy(s.fromArray(x, rows, cols), ints(s, labels, rows), -1, d);
                gradients[confined] = d.toFloatArray();
            }
        }
        assertEquals(losses[0], losses[1]);
        assertArrayEquals(gradients[0], gradients[1]);
    }

    @Test
    void ignoreIndexInsideTheClassRangeAndAllIgnored() {
        try (TensorScope s = TensorScope.open()) {
            float[] x = random(new Random(8), 8);
            Tensor tx = s.fromArray(x, 2, 4);
            int[] labels = {0, 2};
            float loss = cpu.softmaxCrossEntropy(tx, ints(s, labels, 2), 0, null);
            assertEquals(crossEntropy(toDouble(x), labels, 4, 0), loss, 1e-6);
            Tensor d = s.zeros(2, 4);
            assertEquals(0f, cpu.softmaxCrossEntropy(tx, ints(s, new int[] {0, 0}, 2), 0, d));
            for (float v : d.toFloatArray()) assertEquals(0f, v);
        }
    }

    @Test
    void badLabelIsNamedWithItsPosition() {
        try (TensorScope s = TensorScope.open()) {
            Tensor tx = s.zeros(3, 4);
            Tensor d = s.fromArray(new float[] {9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9}, 3, 4);
            var e = assertThrows(IllegalArgumentException.class,
                    () -> cpu.softmaxCrossEntropy(tx, ints(s, new int[] {1, 4, 0}, 3), -100, d));
            assertTrue(e.getMessage().contains("label 4 at position 1"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> cpu.softmaxCrossEntropy(tx, ints(s, new int[] {1, 0, -1}, 3), -100, d));
            assertTrue(e.getMessage().contains("label -1 at position 2"), e.getMessage());
            for (float v : d.toFloatArray()) assertEquals(9f, v, "nothing written before validation");
            e = assertThrows(IllegalArgumentException.class, () -> cpu.softmaxCrossEntropy(tx, s.zeros(3), -100, null));
            assertTrue(e.getMessage().contains("labels must be INT32"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> cpu.softmaxCrossEntropy(tx, ints(s, new int[] {1, 1}, 2), -100, null));
            assertTrue(e.getMessage().contains("labels dim 0 must be 3"), e.getMessage());
        }
    }
}

package dev.rnn4j.cpu.internal;

import static dev.rnn4j.cpu.internal.TestTensors.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Three steps of each optimizer against the PyTorch formulas written out in double. */
class CpuOptimizersTest {

    private final CpuBackend cpu = new CpuBackend();
    private static final int N = 7;

    @Test
    void sgdWithAndWithoutMomentumAndNesterov() {
        Random rnd = new Random(10);
        for (boolean strided : new boolean[] {false, true}) {
            for (float momentum : new float[] {0f, 0.9f}) {
                for (boolean nesterov : new boolean[] {false, true}) {
                    try (TensorScope s = TensorScope.open()) {
                        float[] p0 = random(rnd, N);
                        double[] p = toDouble(p0), v = new double[N];
                        Tensor tp = tensor(s, strided, p0, N);
                        Tensor tv = momentum == 0f ? null : tensor(s, strided, new float[N], N);
                        for (int step = 0; step < 3; step++) {
                            float[] g = random(rnd, N);
                            cpu.sgdStep(tp, tensor(s, strided, g, N), tv, 0.1f, momentum, nesterov);
                            for (int i = 0; i < N; i++) {
                                double d = g[i];
                                if (momentum != 0f) {
                                    v[i] = momentum * v[i] + g[i];
                                    d = nesterov ? g[i] + momentum * v[i] : v[i];
                                }
                                p[i] -= 0.1 * d;
                            }
                        }
                        assertClose(p, tp.toFloatArray(), 1e-5, "sgd momentum=" + momentum + " nesterov=" + nesterov);
                    }
                }
            }
        }
    }

    @Test
    void adam() {
        Random rnd = new Random(11);
        double b1 = 0.9, b2 = 0.999, eps = 1e-8, lr = 0.01;
        for (boolean strided : new boolean[] {false, true}) {
            try (TensorScope s = TensorScope.open()) {
                float[] p0 = random(rnd, N);
                double[] p = toDouble(p0), m = new double[N], v = new double[N];
                Tensor tp = tensor(s, strided, p0, N), tm = tensor(s, strided, new float[N], N), tv = tensor(s, strided, new float[N], N);
                for (int t = 1; t <= 3; t++) {
                    float[] g = random(rnd, N);
                    cpu.adamStep(tp, tensor(s, strided, g, N), tm, tv, (float) lr, (float) b1, (float) b2, (float) eps, t);
                    for (int i = 0; i < N; i++) {
                        m[i] = b1 * m[i] + (1 - b1) * g[i];
                        v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                        p[i] -= lr * (m[i] / (1 - Math.pow(b1, t))) / (Math.sqrt(v[i] / (1 - Math.pow(b2, t))) + eps);
                    }
                }
                assertClose(p, tp.toFloatArray(), 1e-5, "adam");
                assertClose(m, tm.toFloatArray(), 1e-5, "adam m");
                assertClose(v, tv.toFloatArray(), 1e-5, "adam v");
                var e = assertThrows(IllegalArgumentException.class, () -> cpu.adamStep(tp, tp, tm, tv, 0.1f, 0.9f, 0.999f, 1e-8f, 0));
                assertTrue(e.getMessage().contains("step must be >= 1"), e.getMessage());
            }
        }
    }

    /** More elements than one chunk of the vectorized path, with a vector tail; the strided scalar path gives the same bits. */
    @Test
    void adamOverManyElementsMatchesOracleAndTheStridedPath() {
        Random rnd = new Random(13);
        int n = HostView.CHUNK + 1000 + 7;
        double b1 = 0.9, b2 = 0.999, eps = 1e-8, lr = 0.01;
        float[] p0 = random(rnd, n);
        float[][] grads = {random(rnd, n), random(rnd, n), random(rnd, n)};
        double[] p = toDouble(p0), m = new double[n], v = new double[n];
        for (int t = 1; t <= 3; t++) {
            for (int i = 0; i < n; i++) {
                double g = grads[t - 1][i];
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                p[i] -= lr * (m[i] / (1 - Math.pow(b1, t))) / (Math.sqrt(v[i] / (1 - Math.pow(b2, t))) + eps);
            }
        }
        float[][] results = new float[2][];
        for (boolean strided : new boolean[] {false, true}) {
            try (TensorScope s = TensorScope.open()) {
                Tensor tp = tensor(s, strided, p0, n), tm = tensor(s, strided, new float[n], n), tv = tensor(s, strided, new float[n], n);
                for (int t = 1; t <= 3; t++) {
                    cpu.adamStep(tp, tensor(s, strided, grads[t - 1], n), tm, tv, (float) lr, (float) b1, (float) b2, (float) eps, t);
                }
                assertClose(p, tp.toFloatArray(), 1e-6, "adam strided=" + strided);
                assertClose(m, tm.toFloatArray(), 1e-6, "adam m strided=" + strided);
                assertClose(v, tv.toFloatArray(), 1e-6, "adam v strided=" + strided);
                results[strided ? 1 : 0] = tp.toFloatArray();
            }
        }
        assertArrayEquals(results[0], results[1], "vectorized and scalar paths");
    }

    @Test
    void rmsprop() {
        Random rnd = new Random(12);
        double rho = 0.99, eps = 1e-8, lr = 0.01;
        for (boolean strided : new boolean[] {false, true}) {
            try (TensorScope s = TensorScope.open()) {
                float[] p0 = random(rnd, N);
                double[] p = toDouble(p0), sq = new double[N];
                Tensor tp = tensor(s, strided, p0, N), ts = tensor(s, strided, new float[N], N);
                for (int t = 0; t < 3; t++) {
                    float[] g = random(rnd, N);
                    cpu.rmspropStep(tp, tensor(s, strided, g, N), ts, (float) lr, (float) rho, (float) eps);
                    for (int i = 0; i < N; i++) {
                        sq[i] = rho * sq[i] + (1 - rho) * g[i] * g[i];
                        p[i] -= lr * g[i] / (Math.sqrt(sq[i]) + eps);
                    }
                }
                assertClose(p, tp.toFloatArray(), 1e-5, "rmsprop");
            }
        }
    }

    @Test
    void momentumNeedsVelocity() {
        try (TensorScope s = TensorScope.open()) {
            Tensor p = s.zeros(3);
            var e = assertThrows(IllegalArgumentException.class, () -> cpu.sgdStep(p, s.zeros(3), null, 0.1f, 0.9f, false));
            assertTrue(e.getMessage().contains("velocity is null"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> cpu.sgdStep(p, s.zeros(4), null, 0.1f, 0f, false));
            assertTrue(e.getMessage().contains("grad shape [4]"), e.getMessage());
        }
    }
}

package dev.rnn4j.cpu.internal;

import static dev.rnn4j.cpu.internal.TestTensors.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.rnn4j.backend.Activation;
import dev.rnn4j.backend.BinaryOp;
import dev.rnn4j.backend.CounterRandom;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CpuPointwiseTest {

    private final CpuBackend cpu = new CpuBackend();

    @Test
    void identity() {
        assertEquals("cpu", cpu.name());
        assertTrue(cpu.device().isHost());
    }

    /** x op y in double. */
    private static double oracle(BinaryOp op, double x, double y) {
        return switch (op) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case DIV -> x / y;
        };
    }

    @Test
    void binaryMatchesOracleWithBroadcastAndStridedViews() {
        Random rnd = new Random(1);
        for (boolean strided : new boolean[] {false, true}) {
            for (BinaryOp op : BinaryOp.values()) {
                try (TensorScope s = TensorScope.open()) {
                    float[] a = random(rnd, 2 * 3 * 5);
                    float[] full = random(rnd, 2 * 3 * 5);
                    float[] row = random(rnd, 5);
                    for (int i = 0; i < row.length; i++) row[i] += 3f; // keep DIV away from 0
                    for (int i = 0; i < full.length; i++) full[i] += 3f;
                    Tensor ta = tensor(s, strided, a, 2, 3, 5);
                    for (float[] b : new float[][] {full, row}) {
                        long[] bShape = b == row ? new long[] {5} : new long[] {2, 3, 5};
                        Tensor tb = tensor(s, strided, b, bShape);
                        Tensor out = tensor(s, strided, new float[30], 2, 3, 5);
                        cpu.binary(op, ta, tb, out);
                        double[] expected = new double[30];
                        for (int i = 0; i < 30; i++) {
                            expected[i] = oracle(op, a[i], b[i % b.length]);
                        }
                        assertClose(expected, out.toFloatArray(), 1e-6, op + " strided=" + strided + " b=" + b.length);
                    }
                }
            }
        }
    }

    /** More elements than one chunk, rows with a vector tail: the vectorized path, in place, equals the scalar strided path and the oracle. */
    @Test
    void binaryOverManyElementsMatchesOracleAndTheStridedPath() {
        Random rnd = new Random(3);
        int rows = 900, cols = 37, n = rows * cols;
        float[] a = random(rnd, n);
        float[] full = random(rnd, n);
        float[] row = random(rnd, cols);
        for (int i = 0; i < row.length; i++) row[i] += 3f;
        for (int i = 0; i < full.length; i++) full[i] += 3f;
        for (BinaryOp op : BinaryOp.values()) {
            for (float[] b : new float[][] {full, row}) {
                long[] bShape = b == row ? new long[] {cols} : new long[] {rows, cols};
                double[] expected = new double[n];
                for (int i = 0; i < n; i++) {
                    expected[i] = oracle(op, a[i], b[i % b.length]);
                }
                float[][] results = new float[2][];
                for (boolean strided : new boolean[] {false, true}) {
                    try (TensorScope s = TensorScope.open()) {
                        Tensor ta = tensor(s, strided, a, rows, cols);
                        cpu.binary(op, ta, tensor(s, strided, b, bShape), ta);
                        results[strided ? 1 : 0] = ta.toFloatArray();
                        assertClose(expected, results[strided ? 1 : 0], 1e-6, op + " strided=" + strided + " b=" + b.length);
                    }
                }
                assertArrayEquals(results[0], results[1], op + " vectorized and scalar paths");
            }
        }
    }

    @Test
    void binaryOutMayAliasInput() {
        try (TensorScope s = TensorScope.open()) {
            Tensor a = s.fromArray(new float[] {1, 2, 3, 4}, 2, 2);
            cpu.binary(BinaryOp.ADD, a, s.fromArray(new float[] {10, 20}, 2), a);
            assertArrayEquals(new float[] {11, 22, 13, 24}, a.toFloatArray());
        }
    }

    @Test
    void fillAxpbyClampAndActivation() {
        Random rnd = new Random(2);
        for (boolean strided : new boolean[] {false, true}) {
            try (TensorScope s = TensorScope.open()) {
                float[] x = random(rnd, 12);
                float[] y = random(rnd, 12);
                Tensor tx = tensor(s, strided, x, 3, 4);
                Tensor ty = tensor(s, strided, y, 3, 4);
                cpu.axpby(0.5f, tx, -2f, ty);
                double[] expected = new double[12];
                for (int i = 0; i < 12; i++) expected[i] = 0.5 * x[i] - 2.0 * y[i];
                assertClose(expected, ty.toFloatArray(), 1e-6, "axpby");

                ty.copyFrom(new float[12]);
                for (int i = 0; i < 12; i++) ty.set(Float.NaN, i / 4, i % 4);
                cpu.axpby(2f, tx, 0f, ty); // beta = 0 never reads y
                for (int i = 0; i < 12; i++) expected[i] = 2.0 * x[i];
                assertClose(expected, ty.toFloatArray(), 1e-6, "axpby beta=0");

                cpu.clamp(tx, -0.5f, 0.25f);
                for (int i = 0; i < 12; i++) expected[i] = Math.min(0.25, Math.max(-0.5, x[i]));
                assertClose(expected, tx.toFloatArray(), 0, "clamp");

                cpu.fill(tx, 7f);
                for (float v : tx.toFloatArray()) assertEquals(7f, v);

                for (Activation f : Activation.values()) {
                    tx.copyFrom(x);
                    cpu.activation(f, tx, ty);
                    for (int i = 0; i < 12; i++) expected[i] = oracle(f, x[i]);
                    assertClose(expected, ty.toFloatArray(), 1e-6, "activation " + f);
                }
            }
        }
    }

    private static double oracle(Activation f, double x) {
        return switch (f) {
            case IDENTITY -> x;
            case TANH -> Math.tanh(x);
            case SIGMOID -> 1 / (1 + Math.exp(-x));
            case RELU -> Math.max(0, x);
        };
    }

    @Test
    void activationBackwardMatchesFiniteDifferences() {
        Random rnd = new Random(3);
        for (boolean strided : new boolean[] {false, true}) {
            for (Activation f : Activation.values()) {
                try (TensorScope s = TensorScope.open()) {
                    float[] x = random(rnd, 10);
                    for (int i = 0; i < x.length; i++) if (Math.abs(x[i]) < 0.05f) x[i] = 0.3f; // away from relu's kink
                    float[] dy = random(rnd, 10);
                    Tensor tx = tensor(s, strided, x, 2, 5);
                    Tensor ty = tensor(s, strided, new float[10], 2, 5);
                    Tensor tdy = tensor(s, strided, dy, 2, 5);
                    Tensor tdx = tensor(s, strided, new float[10], 2, 5);
                    cpu.activation(f, tx, ty);
                    cpu.activationBackward(f, ty, tdy, tdx);
                    double[] expected = new double[10];
                    double h = 1e-6;
                    for (int i = 0; i < 10; i++) expected[i] = dy[i] * (oracle(f, x[i] + h) - oracle(f, x[i] - h)) / (2 * h);
                    assertClose(expected, tdx.toFloatArray(), 1e-5, "activationBackward " + f + " strided=" + strided);
                }
            }
        }
    }

    @Test
    void dropoutMaskUsesTheCounterGeneratorByRowMajorIndex() {
        for (boolean strided : new boolean[] {false, true}) {
            try (TensorScope s = TensorScope.open()) {
                Tensor mask = tensor(s, strided, new float[4 * 50], 4, 50);
                cpu.dropoutMask(mask, 0.3f, 42L);
                float[] m = mask.toFloatArray();
                int zeros = 0;
                for (int i = 0; i < m.length; i++) {
                    assertEquals(CounterRandom.dropoutScale(42L, i, 0.3f), m[i]);
                    assertTrue(m[i] == 0f || Math.abs(m[i] - 1 / 0.7f) < 1e-6);
                    if (m[i] == 0f) zeros++;
                }
                assertTrue(zeros > 30 && zeros < 90, "about 30% dropped, got " + zeros);
            }
        }
    }
}

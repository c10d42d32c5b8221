package dev.rnn4j.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.tensor.DType;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;
import java.util.Random;

/** Shared by the GPU tests: skip with the reason when there is no GPU, move arrays to and from a backend, compare. */
final class GpuFixture {

    private GpuFixture() {
    }

    /** For @BeforeAll: the methods themselves are disabled by {@link RequiresGpu} when this is false. */
    static boolean gpuAvailable() {
        return CudaProbe.unavailableReason(0).isEmpty();
    }

    static float[] random(Random rnd, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) rnd.nextGaussian();
        return x;
    }

    /** A tensor on {@code backend}'s device holding {@code data}. */
    static Tensor put(Backend backend, TensorScope scope, float[] data, long... shape) {
        Tensor t = backend.allocate(scope, DType.FLOAT32, shape);
        try (TensorScope host = TensorScope.open()) {
            backend.copy(host.fromArray(data, shape), t);
        }
        return t;
    }

    static Tensor putInts(Backend backend, TensorScope scope, int[] data, long... shape) {
        Tensor t = backend.allocate(scope, DType.INT32, shape);
        try (TensorScope host = TensorScope.open()) {
            backend.copy(host.fromIntArray(data, shape), t);
        }
        return t;
    }

    static float[] get(Backend backend, Tensor t) {
        try (TensorScope host = TensorScope.open()) {
            Tensor h = host.zeros(t.shape());
            backend.copy(t, h);
            return h.toFloatArray();
        }
    }

    /** |a - e| <= tol · (1 + |e|) elementwise. */
    static void assertClose(float[] expected, float[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs((double) expected[i] - actual[i]);
            if (!(err <= tol * (1 + Math.abs(expected[i])))) {
                throw new AssertionError(what + ": element " + i + " expected " + expected[i] + " but was " + actual[i]);
            }
        }
    }

    /** Relative error ||a - e|| / ||e|| (the parity criterion of the RNN suite). */
    static double relativeError(float[] expected, float[] actual) {
        double num = 0, den = 0;
        for (int i = 0; i < expected.length; i++) {
            double d = (double) expected[i] - actual[i];
            num += d * d;
            den += (double) expected[i] * expected[i];
        }
        return den == 0 ? Math.sqrt(num) : Math.sqrt(num / den);
    }
}

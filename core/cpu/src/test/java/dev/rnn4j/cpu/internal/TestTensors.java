package dev.rnn4j.cpu.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;
import java.util.Arrays;
import java.util.Random;

/** Test inputs: random data, contiguous or strided tensors holding it, and tolerance checks. */
final class TestTensors {

    private TestTensors() {
    }

    static float[] random(Random rnd, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (rnd.nextGaussian());
        return x;
    }

    /** A tensor of {@code shape} holding {@code data}; a non-contiguous view when {@code strided}. */
    static Tensor tensor(TensorScope scope, boolean strided, float[] data, long... shape) {
        if (!strided || shape.length == 0) return scope.fromArray(data, shape);
        long[] wide = Arrays.copyOf(shape, shape.length + 1);
        wide[shape.length] = 3;
        Tensor t = scope.zeros(wide).select(shape.length, 1);
        assertFalse(t.isContiguous() && t.elementCount() > 1);
        t.copyFrom(data);
        return t;
    }

    static Tensor ints(TensorScope scope, int[] data, long... shape) {
        return scope.fromIntArray(data, shape);
    }

    static void assertClose(double[] expected, float[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs(expected[i] - actual[i]);
            if (!(err <= tol * (1 + Math.abs(expected[i])))) {
                throw new AssertionError(what + ": element " + i + " expected " + expected[i] + " but was " + actual[i]);
            }
        }
    }

    static double[] toDouble(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) d[i] = x[i];
        return d;
    }
}

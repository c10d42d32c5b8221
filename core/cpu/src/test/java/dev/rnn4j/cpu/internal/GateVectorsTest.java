package dev.rnn4j.cpu.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/** The gate activations against double-precision java.lang.Math, on a dense grid, random points and edges. */
class GateVectorsTest {

    private static final int LANES = GateVectors.LANES;

    @Test
    void expIsWithinTwoUlp() {
        assertAccurate(GateVectors::exp, Math::exp, -87, 88, 2, 0);
    }

    @Test
    void expm1IsAccurateNearZero() {
        assertAccurate(GateVectors::expm1, Math::expm1, -20, 20, 3, 0);
        assertAccurate(GateVectors::expm1, Math::expm1, -1e-3, 1e-3, 3, 0);
    }

    @Test
    void tanhIsAccurateEverywhereIncludingTinyArguments() {
        assertAccurate(GateVectors::tanh, Math::tanh, -30, 30, 3, 0);
        assertAccurate(GateVectors::tanh, Math::tanh, -1e-4, 1e-4, 3, 0);
        float[] out = apply(GateVectors::tanh, 0f, -0f, 1e-30f, 50f, -50f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY);
        assertEquals(0f, out[0]);
        assertEquals(1e-30f, out[2]);
        assertEquals(1f, out[3]);
        assertEquals(-1f, out[4]);
        assertEquals(1f, out[5]);
        assertEquals(-1f, out[6]);
        assertTrue(Float.isNaN(apply(GateVectors::tanh, Float.NaN)[0]), "NaN propagates");
    }

    @Test
    void sigmoidIsAccurateAndSaturates() {
        assertAccurate(GateVectors::sigmoid, x -> 1 / (1 + Math.exp(-x)), -80, 80, 0, 1e-7);
        float[] out = apply(GateVectors::sigmoid, 200f, -200f, 0f);
        assertEquals(1f, out[0]);
        assertTrue(out[1] >= 0f && out[1] < 1e-37f, "sigmoid(-200) = " + out[1]);
        assertEquals(0.5f, out[2]);
        assertTrue(Float.isNaN(apply(GateVectors::sigmoid, Float.NaN)[0]), "NaN propagates");
    }

    /** Max error in ulps of the float result (relative to the exact value), or absolute when absTol > 0. */
    private static void assertAccurate(UnaryOperator<FloatVector> f, DoubleUnaryOperator exact, double lo, double hi,
                                       int maxUlps, double absTol) {
        Random random = new Random(11);
        int n = 20_000;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (i % 2 == 0 ? lo + (hi - lo) * i / (n - 1) : lo + (hi - lo) * random.nextDouble());
        float[] y = apply(f, x);
        for (int i = 0; i < n; i++) {
            double want = exact.applyAsDouble(x[i]);
            double err = Math.abs(y[i] - want);
            if (absTol > 0) {
                assertTrue(err <= absTol, "f(" + x[i] + ") = " + y[i] + ", exact " + want);
            } else {
                double ulps = err / Math.ulp((float) want);
                assertTrue(ulps <= maxUlps, "f(" + x[i] + ") = " + y[i] + ", exact " + want + " (" + ulps + " ulp)");
            }
        }
    }

    private static float[] apply(UnaryOperator<FloatVector> f, float... x) {
        float[] padded = new float[Math.ceilDiv(x.length, LANES) * LANES];
        System.arraycopy(x, 0, padded, 0, x.length);
        float[] out = new float[padded.length];
        for (int i = 0; i < padded.length; i += LANES) {
            f.apply(FloatVector.fromArray(GateVectors.S, padded, i)).intoArray(out, i);
        }
        return java.util.Arrays.copyOf(out, x.length);
    }
}

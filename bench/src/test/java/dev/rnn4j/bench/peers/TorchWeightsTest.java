package dev.rnn4j.bench.peers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.rnn4j.testing.ReferenceRnn;
import dev.rnn4j.rnn.RnnBiasMode;
import dev.rnn4j.rnn.RnnDataDescriptor;
import dev.rnn4j.rnn.RnnDataLayout;
import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.rnn.RnnMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The mapping of the canonical weight space onto PyTorch's parameter list is right: PyTorch's y equals a
 * double-precision reference computed from the canonical layout's definition (core's {@link ReferenceRnn}),
 * and PyTorch's weight gradients, mapped back, equal finite differences of that reference. Stacked,
 * bidirectional, tiny shapes.
 */
class TorchWeightsTest {

    private static final int T = 3;
    private static final int B = 2;
    private static final int I = 3;
    private static final int H = 4;
    private static NDManager torch;

    @BeforeAll
    static void openTorch() {
        torch = NDManager.newBaseManager("PyTorch");
    }

    @AfterAll
    static void closeTorch() {
        torch.close();
    }

    private static RnnProblem problem(RnnMode mode, RnnBiasMode bias) {
        var rnn = new RnnDescriptor(mode, 2, true, I, H, bias, 0f, 0L);
        return RnnProblem.random(rnn, new RnnShape(T, B, I, H), 7);
    }

    @ParameterizedTest
    @EnumSource(RnnMode.class)
    void torchForwardEqualsTheCanonicalReference(RnnMode mode) {
        for (RnnBiasMode bias : RnnBiasMode.values()) {
            var p = problem(mode, bias);
            double[] expected = reference(p, toDouble(p.weightSpace()), toDouble(p.x()));
            try (var side = new TorchRnn(torch, p)) {
                double err = RelativeError.of(side.forward(), toFloat(expected));
                assertTrue(err < 1e-5, mode + " " + bias + ": rel err of y " + err);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = RnnMode.class, names = {"LSTM", "GRU"})
    void torchWeightGradientsMapBackToTheCanonicalLayout(RnnMode mode) {
        checkGradients(mode, RnnBiasMode.DOUBLE_BIAS);
        checkGradients(mode, RnnBiasMode.SINGLE_INP_BIAS);
    }

    private static void checkGradients(RnnMode mode, RnnBiasMode bias) {
        var p = problem(mode, bias);
        float[] grads;
        try (var side = new TorchRnn(torch, p)) {
            grads = side.weightGradients();
        }
        double[] w = toDouble(p.weightSpace());
        double[] x = toDouble(p.x());
        var random = new SplittableRandom(3);
        int[] probes = random.ints(40, 0, w.length).toArray();
        double eps = 1e-6;
        for (int k : probes) {
            double saved = w[k];
            w[k] = saved + eps;
            double plus = weighted(reference(p, w, x), p.dy());
            w[k] = saved - eps;
            double minus = weighted(reference(p, w, x), p.dy());
            w[k] = saved;
            double numeric = (plus - minus) / (2 * eps);
            double diff = Math.abs(numeric - grads[k]);
            assertTrue(diff <= 1e-4 * Math.max(1, Math.abs(numeric)),
                    mode + " " + bias + " weight " + k + ": torch grad " + grads[k] + " vs finite difference " + numeric);
        }
    }

    /** The reference's y [T, B, D·H] from a zero initial state, without dropout. */
    private static double[] reference(RnnProblem p, double[] w, double[] x) {
        var xDesc = RnnDataDescriptor.full(T, B, I, RnnDataLayout.SEQ_MAJOR);
        return new ReferenceRnn(p.descriptor()).forward(xDesc, x, null, null, w, null).y();
    }

    private static double weighted(double[] y, float[] g) {
        double s = 0;
        for (int i = 0; i < y.length; i++) s += y[i] * g[i];
        return s;
    }

    private static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) f[i] = (float) v[i];
        return f;
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) d[i] = v[i];
        return d;
    }
}

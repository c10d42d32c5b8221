package dev.rnn4j.bench.peers;

import dev.rnn4j.testing.ReferenceRnn;
import dev.rnn4j.rnn.RnnBiasMode;
import dev.rnn4j.rnn.RnnDataDescriptor;
import dev.rnn4j.rnn.RnnDataLayout;
import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.rnn.RnnMode;
import dev.rnn4j.testing.FiniteDifferences;
import dev.rnn4j.testing.PyTorchDefects;
import dev.rnn4j.testing.ReferenceFirst;
import java.util.SplittableRandom;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The mapping of the canonical weight space onto PyTorch's parameter list is right, judged against a
 * double-precision reference computed from the canonical layout's definition (core's {@link ReferenceRnn}):
 * rnn4j's y first, then PyTorch's y, then each other (max|a − e| / max|e| ≤ 1e-5); and the weight gradients of
 * both sides, PyTorch's mapped back, against finite differences of that reference at 40 probed weights. Stacked,
 * bidirectional, tiny shapes, every mode and bias mode. A PyTorch result off the reference fails naming PyTorch
 * (its oneDNN on this CPU), not the mapping or rnn4j.
 */
class TorchWeightsTest {

    private static final RnnShape SHAPE = new RnnShape(3, 2, 3, 4);
    private static final ReferenceFirst.Distance Y = new ReferenceFirst.Distance("max|a - e| / max|e|", RelativeError::of, 1e-5);
    /** |a − e| ≤ 1e-4·max(1, |e|) at every probe. */
    private static final ReferenceFirst.Distance PROBED_GRADIENT = new ReferenceFirst.Distance("max |a - e| / (1e-4·max(1, |e|))", (a, e) -> {
        double worst = 0;
        for (int i = 0; i < e.length; i++) worst = Math.max(worst, Math.abs(a[i] - e[i]) / (1e-4 * Math.max(1, Math.abs(e[i]))));
        return worst;
    }, 1);
    @RegisterExtension
    static final PeerSides SIDES = new PeerSides();

    private static RnnProblem problem(RnnMode mode, RnnBiasMode bias) {
        var rnn = new RnnDescriptor(mode, 2, true, SHAPE.inputSize(), SHAPE.hiddenSize(), bias, 0f, 0L);
        return RnnProblem.random(rnn, SHAPE, 7);
    }

    @ParameterizedTest
    @EnumSource(RnnMode.class)
    void torchForwardEqualsTheCanonicalReference(RnnMode mode) {
        for (RnnBiasMode bias : RnnBiasMode.values()) {
            var p = problem(mode, bias);
            try (var ours = new Rnn4jRnn(SIDES.backend(), p); var theirs = new TorchRnn(SIDES.torch(), p)) {
                ReferenceFirst.check(mode + " " + bias + " y", RnnReference.y(p), ours.forward(), theirs.forward(), Y, PyTorchDefects.RNN);
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
        float[] ours;
        float[] theirs;
        try (var rnn4j = new Rnn4jRnn(SIDES.backend(), p); var pytorch = new TorchRnn(SIDES.torch(), p)) {
            ours = rnn4j.weightGradients();
            theirs = pytorch.weightGradients();
        }
        double[] w = RnnReference.toDouble(p.weightSpace());
        double[] x = RnnReference.toDouble(p.x());
        int[] probes = new SplittableRandom(3).ints(40, 0, w.length).toArray();
        var reference = new ReferenceRnn(p.descriptor());
        var xDesc = RnnDataDescriptor.full(SHAPE.seqLength(), SHAPE.batch(), SHAPE.inputSize(), RnnDataLayout.SEQ_MAJOR);
        double[] numeric = FiniteDifferences.central(w, probes, 1e-6, () -> weighted(reference.forward(xDesc, x, null, null, w, null).y(), p.dy()));
        ReferenceFirst.check(mode + " " + bias + " dW at 40 probed weights (finite differences of the reference)", numeric, at(ours, probes),
                at(theirs, probes), PROBED_GRADIENT, PyTorchDefects.RNN);
    }

    private static float[] at(float[] values, int[] indices) {
        float[] out = new float[indices.length];
        for (int k = 0; k < indices.length; k++) out[k] = values[indices[k]];
        return out;
    }

    private static double weighted(double[] y, float[] g) {
        double s = 0;
        for (int i = 0; i < y.length; i++) s += y[i] * g[i];
        return s;
    }
}

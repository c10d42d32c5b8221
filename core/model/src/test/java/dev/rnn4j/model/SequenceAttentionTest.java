package dev.rnn4j.model;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.backend.Backends;
import dev.rnn4j.model.layers.Layers;
import dev.rnn4j.model.layers.SequenceAttention;
import dev.rnn4j.model.layers.SequenceAttention.Score;
import dev.rnn4j.model.ops.HostData;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Keras' Attention/AdditiveAttention ({@link SequenceAttention}) against Keras' formulas evaluated in double on the
 * host (scores, -1e9 on masked value steps and causal positions, softmax, weighted values, zeroed masked query
 * steps), and finite-difference gradients; GlobalMaxPooling1D likewise.
 */
class SequenceAttentionTest {

    private static final int B = 2, TQ = 4, TV = 5, D = 3;
    private final Backend backend = Backends.cpu();
    private final TensorScope scope = TensorScope.open();

    @AfterEach
    void close() {
        scope.close();
    }

    /** Query [B, TQ, D] masked post-padded (lengths 4, 2), value [B, TV, D] masked pre-padded (lengths 5, 3). */
    private List<Variable> inputs(GradientTape tape, Tensor q, Tensor v) {
        return List.of(tape.constant(q, SequenceMask.post(new int[] {4, 2})), tape.constant(v, new SequenceMask(new int[] {5, 3}, SequenceMask.Padding.PRE)));
    }

    @Test
    void matchesKerasFormulas() {
        Tensor q = GradCheck.uniform(scope, 1, B, TQ, D), v = GradCheck.uniform(scope, 2, B, TV, D);
        for (Score score : Score.values()) {
            for (boolean useScale : new boolean[] {false, true}) {
                for (boolean causal : new boolean[] {false, true}) {
                    SequenceAttention layer = new SequenceAttention(score, useScale).causal(causal).returnScores(true);
                    Node qn = Input.floats(TQ, D), vn = Input.floats(TV, D);
                    try (Model m = Model.functional(List.of(qn, vn), layer.apply(List.of(qn, vn)))) {
                        m.build(backend, 3);
                        float[] scale = useScale ? HostData.floats(backend, m.parameter(layer.name() + ".scale").value()) : null;
                        if (score == Score.CONCAT) ModelWeights.set(m, Map.of(layer.name() + "/concat_score_weight", new float[] {0.7f}));
                        try (GradientTape tape = m.tape(false)) {
                            List<Variable> out = m.call(tape, inputs(tape, q, v));
                            assertEquals(SequenceMask.post(new int[] {4, 2}), out.get(0).mask(), "the output keeps the query's mask");
                            assertNull(out.get(1).mask());
                            double[][] want = reference(score, q.toFloatArray(), v.toFloatArray(), scale, score == Score.CONCAT ? 0.7 : 1, causal);
                            compare(want[0], HostData.floats(backend, out.get(0).value()), score + " scale=" + useScale + " causal=" + causal + " output");
                            compare(want[1], HostData.floats(backend, out.get(1).value()), score + " scale=" + useScale + " causal=" + causal + " weights");
                        }
                    }
                }
            }
        }
    }

    private static double[][] reference(Score score, float[] q, float[] v, float[] scale, double concatWeight, boolean causal) {
        int[] qLen = {4, 2}, vLen = {5, 3};
        double[] out = new double[B * TQ * D], weights = new double[B * TQ * TV];
        for (int b = 0; b < B; b++) {
            for (int i = 0; i < TQ; i++) {
                double[] s = new double[TV];
                for (int j = 0; j < TV; j++) {
                    double acc = 0;
                    for (int d = 0; d < D; d++) {
                        double qd = q[(b * TQ + i) * D + d], kd = v[(b * TV + j) * D + d];
                        acc += switch (score) {
                            case DOT -> qd * kd;
                            case CONCAT -> Math.tanh((scale == null ? 1 : scale[0]) * (qd + kd));
                            case ADDITIVE -> (scale == null ? 1 : scale[d]) * Math.tanh(qd + kd);
                        };
                    }
                    if (score == Score.DOT && scale != null) acc *= scale[0];
                    if (score == Score.CONCAT) acc *= concatWeight;
                    boolean masked = j < TV - vLen[b] || (causal && j > i);
                    s[j] = masked ? (float) acc - 1e9f : acc; // in float32, as Keras and rnn4j compute it (a fully masked row becomes uniform)
                }
                double max = Double.NEGATIVE_INFINITY, sum = 0;
                for (double x : s) max = Math.max(max, x);
                for (int j = 0; j < TV; j++) sum += s[j] = Math.exp(s[j] - max);
                for (int j = 0; j < TV; j++) {
                    double w = s[j] / sum;
                    weights[(b * TQ + i) * TV + j] = w;
                    if (i >= qLen[b]) continue;
                    for (int d = 0; d < D; d++) out[(b * TQ + i) * D + d] += w * v[(b * TV + j) * D + d];
                }
            }
        }
        return new double[][] {out, weights};
    }

    private static void compare(double[] want, float[] got, String what) {
        for (int i = 0; i < want.length; i++) {
            if (Math.abs(want[i] - got[i]) > 1e-5 + 1e-5 * Math.abs(want[i])) fail(what + "[" + i + "]: Keras' formula gives " + want[i] + ", rnn4j " + got[i]);
        }
    }

    @Test
    void gradients() {
        Tensor q = GradCheck.uniform(scope, 3, B, TQ, D), v = GradCheck.uniform(scope, 4, B, TV, D);
        for (Score score : Score.values()) {
            for (boolean causal : new boolean[] {false, true}) {
                // causal with post-padded values: no query step has every value step masked (where Keras' float32 -1e9 makes the weights flat)
                SequenceMask valueMask = causal ? SequenceMask.post(new int[] {5, 3}) : new SequenceMask(new int[] {5, 3}, SequenceMask.Padding.PRE);
                SequenceAttention layer = new SequenceAttention(score, true).causal(causal);
                Node qn = Input.floats(TQ, D), vn = Input.floats(TV, D);
                try (Model m = Model.functional(List.of(qn, vn), layer.apply(List.of(qn, vn)))) {
                    m.build(backend, 5);
                    new GradCheck(backend).check((tape, in) -> m.call(tape, List.of(
                                    ElementwiseOpsView.masked(tape, in.get(0), SequenceMask.post(new int[] {4, 2})),
                                    ElementwiseOpsView.masked(tape, in.get(1), valueMask))).getFirst(),
                            List.of(q, v), m.parameters(), 7);
                }
            }
        }
    }

    @Test
    void globalMaxPoolingTakesTheMaximumOverEveryStep() {
        float[] x = {1, -2, 5, 0, 3, 9, /* row 1 */ -1, -1, -3, -4, -2, -5};
        try (Model m = Sequential.of(Input.floats(3, 2), Layers.globalMaxPooling1D())) {
            m.build(backend, 1);
            try (GradientTape tape = m.tape(false)) {
                Variable out = m.call(tape, tape.constant(scope.fromArray(x, 2, 3, 2), SequenceMask.post(new int[] {1, 1})));
                compare(new double[] {5, 9, -1, -1}, HostData.floats(backend, out.value()), "max (padding steps count, as in Keras 3)");
                assertNull(out.mask());
            }
            new GradCheck(backend).check((tape, in) -> m.call(tape, in.getFirst()), List.of(GradCheck.uniform(scope, 9, 2, 3, 2)), m.parameters(), 3);
        }
    }

    /** Attaches a mask to a watched input (gradients pass through). */
    private static final class ElementwiseOpsView {
        static Variable masked(GradientTape tape, Variable x, SequenceMask mask) {
            return dev.rnn4j.model.ops.ElementwiseOps.reshape(tape, x, mask, x.shape());
        }
    }
}

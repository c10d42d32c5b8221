package dev.rnn4j.model;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.backend.Backends;
import dev.rnn4j.model.layers.Layers;
import dev.rnn4j.model.layers.Recurrent;
import dev.rnn4j.model.ops.HostData;
import dev.rnn4j.rnn.RnnBiasMode;
import dev.rnn4j.tensor.TensorScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@link ModelWeights} against Keras' cell equations: weights set in Keras' layout drive rnn4j's layers, whose
 * outputs must equal a double-precision evaluation of Keras' formulas on those same arrays (LSTM gates i, f, c, o
 * with one bias; GRU z, r, h with reset_after=True and two biases; SimpleRNN; Dense's kernel [in, units]).
 */
class ModelWeightsTest {

    private static final int F = 3, H = 4, T = 3, B = 2;
    private final Backend backend = Backends.cpu();
    private final TensorScope scope = TensorScope.open();
    private final SplittableRandom rng = new SplittableRandom(5);

    @AfterEach
    void close() {
        scope.close();
    }

    private float[] random(int n) {
        float[] v = new float[n];
        for (int i = 0; i < v.length; i++) v[i] = (float) (rng.nextDouble() - 0.5);
        return v;
    }

    private float[] run(Model m, float[] x) {
        try (GradientTape tape = m.tape(false)) {
            return HostData.floats(backend, m.call(tape, tape.constant(scope.fromArray(x, B, T, F))).value());
        }
    }

    @Test
    void lstmGruSimpleRnnAndDenseFollowKerasEquations() {
        for (String kind : new String[] {"LSTM", "GRU", "SimpleRNN"}) {
            for (RnnBiasMode bias : new RnnBiasMode[] {RnnBiasMode.DOUBLE_BIAS, RnnBiasMode.SINGLE_INP_BIAS, RnnBiasMode.NO_BIAS}) {
                if (kind.equals("GRU") && bias == RnnBiasMode.SINGLE_INP_BIAS) continue; // Keras' GRU has both biases or none
                Recurrent cell = switch (kind) {
                    case "LSTM" -> Layers.lstm(H);
                    case "GRU" -> Layers.gru(H);
                    default -> Layers.simpleRnn(H, "tanh");
                };
                try (Model m = Sequential.of(Input.floats(T, F), cell.returnSequences(true).biasMode(bias), Layers.dense(2))) {
                    m.build(backend, 1);
                    int gates = kind.equals("LSTM") ? 4 : kind.equals("GRU") ? 3 : 1;
                    float[] kernel = random(F * gates * H), recurrent = random(H * gates * H);
                    float[] b = bias == RnnBiasMode.NO_BIAS ? null : random(kind.equals("GRU") ? 2 * gates * H : gates * H);
                    float[] dense = random(H * 2), denseBias = random(2);
                    List<float[]> weights = new ArrayList<>(List.of(kernel, recurrent));
                    if (b != null) weights.add(b);
                    weights.add(dense);
                    weights.add(denseBias);
                    ModelWeights.set(m, weights);
                    List<ModelWeights.Weight> back = ModelWeights.get(m);
                    for (int i = 0; i < weights.size(); i++) assertArrayEquals(weights.get(i), back.get(i).values(), 0f, "get returns what set stored: " + back.get(i));
                    float[] x = random(B * T * F);
                    float[] got = run(m, x);
                    double[] want = keras(kind, x, kernel, recurrent, b, dense, denseBias);
                    for (int i = 0; i < want.length; i++) {
                        if (Math.abs(want[i] - got[i]) > 1e-5) fail(kind + " " + bias + " output " + i + ": Keras' equations give " + want[i] + ", rnn4j " + got[i]);
                    }
                }
            }
        }
    }

    /** Keras' cells in double, then Dense: x [B, T, F] → [B, T, 2]. */
    private static double[] keras(String kind, float[] x, float[] k, float[] rk, float[] bias, float[] dense, float[] denseBias) {
        int g = kind.equals("LSTM") ? 4 : kind.equals("GRU") ? 3 : 1;
        double[] out = new double[B * T * 2];
        for (int b = 0; b < B; b++) {
            double[] h = new double[H], c = new double[H];
            for (int t = 0; t < T; t++) {
                double[] xw = new double[g * H], hr = new double[g * H];
                for (int j = 0; j < g * H; j++) {
                    for (int f = 0; f < F; f++) xw[j] += x[(b * T + t) * F + f] * (double) k[f * g * H + j];
                    for (int i = 0; i < H; i++) hr[j] += h[i] * rk[i * g * H + j];
                    if (bias != null) {
                        xw[j] += bias[j];
                        if (kind.equals("GRU")) hr[j] += bias[g * H + j];
                    }
                }
                double[] next = new double[H];
                for (int u = 0; u < H; u++) {
                    switch (kind) {
                        case "LSTM" -> {
                            double i = sig(xw[u] + hr[u]), fg = sig(xw[H + u] + hr[H + u]), cc = Math.tanh(xw[2 * H + u] + hr[2 * H + u]), o = sig(xw[3 * H + u] + hr[3 * H + u]);
                            c[u] = fg * c[u] + i * cc;
                            next[u] = o * Math.tanh(c[u]);
                        }
                        case "GRU" -> {
                            double z = sig(xw[u] + hr[u]), r = sig(xw[H + u] + hr[H + u]);
                            double hh = Math.tanh(xw[2 * H + u] + r * hr[2 * H + u]);
                            next[u] = z * h[u] + (1 - z) * hh;
                        }
                        default -> next[u] = Math.tanh(xw[u] + hr[u]);
                    }
                }
                h = next;
                for (int o = 0; o < 2; o++) {
                    double s = denseBias[o];
                    for (int u = 0; u < H; u++) s += h[u] * dense[u * 2 + o];
                    out[(b * T + t) * 2 + o] = s;
                }
            }
        }
        return out;
    }

    private static double sig(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    @Test
    void namesShapesAndErrors() {
        Node in = Input.tokens(-1);
        Node e = Layers.embedding(7, 3).maskZero(true).apply(in);
        Node seq = Layers.bidirectional(Layers.gru(2).returnSequences(true), "concat").apply(e);
        Node att = Layers.attention(true).apply(List.of(seq, seq)).getFirst();
        Node out = Layers.dense(1).apply(Layers.globalMaxPooling1D().apply(att));
        try (Model m = Model.functional(in, out)) {
            m.build(backend, 2);
            Map<String, ModelWeights.Weight> w = ModelWeights.byName(m);
            assertEquals(List.of("embedding/embeddings", "bidirectional/forward/kernel", "bidirectional/forward/recurrent_kernel", "bidirectional/forward/bias",
                    "bidirectional/backward/kernel", "bidirectional/backward/recurrent_kernel", "bidirectional/backward/bias", "attention/scale",
                    "dense/kernel", "dense/bias"), List.copyOf(w.keySet()));
            assertArrayEquals(new long[] {2, 6}, w.get("bidirectional/backward/bias").shape());
            assertArrayEquals(new long[0], w.get("attention/scale").shape());
            assertArrayEquals(new long[] {4, 1}, w.get("dense/kernel").shape());
            ModelWeights.set(m, Map.of("attention/scale", new float[] {2.5f}));
            assertEquals(2.5f, ModelWeights.get(m, "attention").getFirst().values()[0]);
            var e1 = assertThrows(IllegalArgumentException.class, () -> ModelWeights.set(m, Map.of("dense/kernel", new float[3])));
            assertTrue(e1.getMessage().contains("dense/kernel") && e1.getMessage().contains("[4, 1]"), e1.getMessage());
            var e2 = assertThrows(IllegalArgumentException.class, () -> ModelWeights.set(m, Map.of("dense/kernal", new float[4])));
            assertTrue(e2.getMessage().contains("no weight 'dense/kernal'"), e2.getMessage());
            var e3 = assertThrows(IllegalArgumentException.class, () -> ModelWeights.set(m, List.of(new float[1])));
            assertTrue(e3.getMessage().contains("has 10 weights"), e3.getMessage());
        }
    }
}

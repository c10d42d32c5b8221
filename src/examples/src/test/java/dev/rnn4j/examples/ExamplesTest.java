package dev.rnn4j.examples;

import dev.rnn4j.backend.Backends;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnn4j.backend.Backend;
import org.junit.jupiter.api.Test;

/** Runs the examples in src/examples so they keep compiling and working. */
class ExamplesTest {

    @Test
    void lstmOnTheBackendProducesRecurrentWeightGradients() {
        try (Backend backend = Backends.cpu()) {
            double norm = LstmOnTheBackend.run(backend);
            assertTrue(norm > 1e-3 && Double.isFinite(norm), "gradient norm " + norm);
        }
    }

    /**
     * The encoder–decoder with attention reverses digit strings it never saw. Threshold: 95% exact match, greedy and
     * beam search (width 3), on 200 held-out strings of 4–10 digits after 6 epochs on 2,000 (measured: 100% both, about 10 s on 2 busy cores); the heatmap of one
     * example is written to target/reversal-attention.png.
     */
    @Test
    void encoderDecoderWithAttentionReversesUnseenDigitStrings() throws Exception {
        try (Backend backend = Backends.cpu()) {
            AttentionSeq2SeqExample.Result r = AttentionSeq2SeqExample.run(backend, AttentionSeq2SeqExample.Options.quick());
            System.out.printf("encoder-decoder: greedy %.3f, beam %.3f exact match; %s -> %s; trained in %.1f s, %.1f s in all%n",
                    r.greedyAccuracy(), r.beamAccuracy(), r.source(), r.decoded(), r.trainSeconds(), r.totalSeconds());
            assertTrue(r.greedyAccuracy() >= 0.95, "greedy exact match " + r.greedyAccuracy());
            assertTrue(r.beamAccuracy() >= 0.95, "beam-search exact match " + r.beamAccuracy());
            java.nio.file.Path png = java.nio.file.Path.of("target", "reversal-attention.png");
            AttentionSeq2SeqExample.writeHeatmap(r, png);
            assertTrue(javax.imageio.ImageIO.read(png.toFile()).getWidth() > 0);
            // reversal: output step i attends most to input step n - 1 - i
            int n = r.source().length();
            for (int i = 0; i < n; i++) {
                float[] row = r.attention()[i];
                int best = 0;
                for (int j = 1; j < n; j++) if (row[j] > row[best]) best = j;
                assertTrue(best == n - 1 - i, "output step " + i + " attends most to input step " + best + ": " + java.util.Arrays.toString(row));
            }
        }
    }

    /** The three models of the encoder–decoder share one set of weights; their summaries fit in 100 columns. */
    @Test
    void encoderDecoderModelsShareTheirWeights() {
        try (Backend backend = Backends.cpu(); EncoderDecoder m = new EncoderDecoder(backend, 8, 16, 1)) {
            for (dev.rnn4j.model.Model model : java.util.List.of(m.training, m.encoder, m.step)) {
                String s = model.summary();
                System.out.print(s);
                for (String line : s.split("\n")) assertTrue(line.length() <= 100, line);
            }
            assertEquals(m.training.parameterCount(), m.step.parameterCount() + m.encoder.parameterCount(),
                    "the encoder's weights and the decoder step's make up the training model's");
            assertTrue(m.step.summary().contains("concatenate_0 (InputLayer)"), "the step model starts from inner nodes of the training graph");
        }
    }

    @Test
    void customLayersRejectBadOptions() {
        assertThrows(IllegalArgumentException.class, () -> new LinearMap(0));
        assertThrows(IllegalArgumentException.class, () -> new MlpLayer());
        assertThrows(IllegalArgumentException.class, () -> LinearMap.fromConfig(java.util.Map.of("units", "many")));
        assertThrows(IllegalArgumentException.class, () -> MlpLayer.fromConfig(java.util.Map.of()));
    }

    /** LinearMap and MlpLayer are registered, learn, and come back from a checkpoint predicting exactly the same. */
    @Test
    void customLayersTrainSaveAndLoad(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        try (Backend backend = Backends.cpu()) {
            CustomLayersExample.Result r = CustomLayersExample.run(backend, dir.resolve("custom.safetensors"));
            assertTrue(r.lastLoss() < 0.2 * r.firstLoss(), "loss " + r.firstLoss() + " -> " + r.lastLoss());
            assertEquals(0.0, r.largestDifference(), "the loaded model must predict what the trained one did");
            assertTrue(r.summary().contains("mlp (MlpLayer)") && r.summary().contains("linear_map (LinearMap)"), r.summary());
        }
    }

    /**
     * The gradients of the custom layers against central differences in double precision of the same function
     * (an MLP written out with the layers' own weights): y = W3ᵀ relu(W2ᵀ relu(W1ᵀ x + b1) + b2) + b3, L = mean(y²).
     */
    @Test
    void customLayerGradientsMatchFiniteDifferences() {
        try (Backend backend = Backends.cpu(); dev.rnn4j.tensor.TensorScope scope = dev.rnn4j.tensor.TensorScope.open();
             dev.rnn4j.model.Model model = dev.rnn4j.model.Sequential.of(dev.rnn4j.model.Input.floats(3), new MlpLayer(4, 3), new LinearMap(2)).build(backend, 3)) {
            float[] x = {0.3f, -0.7f, 0.5f, 0.9f, 0.1f, -0.4f};
            java.util.List<dev.rnn4j.model.Parameter> params = model.parameters();
            java.util.List<float[]> analytic = new java.util.ArrayList<>();
            try (dev.rnn4j.model.GradientTape tape = model.tape(true)) {
                dev.rnn4j.model.Variable y = model.call(tape, tape.constant(scope.fromArray(x, 2, 3)));
                dev.rnn4j.model.Variable loss = dev.rnn4j.model.train.Losses.meanSquaredError().compute(tape, y, tape.constant(scope.zeros(2, 2)));
                tape.backward(loss);
                for (dev.rnn4j.model.Parameter p : params) analytic.add(p.grad().toFloatArray());
            }
            double[][] w = params.stream().map(p -> dev.rnn4j.testing.ReferenceFirst.toDouble(p.value().toFloatArray())).toArray(double[][]::new);
            java.util.function.DoubleSupplier loss = () -> {
                double sum = 0;
                for (int b = 0; b < 2; b++) {
                    double[] h = {x[b * 3], x[b * 3 + 1], x[b * 3 + 2]};
                    for (int layer = 0; layer < 3; layer++) {
                        double[] kernel = w[2 * layer], bias = w[2 * layer + 1];
                        double[] next = new double[bias.length];
                        for (int o = 0; o < next.length; o++) {
                            next[o] = bias[o];
                            for (int i = 0; i < h.length; i++) next[o] += h[i] * kernel[i * next.length + o];
                            if (layer < 2) next[o] = Math.max(0, next[o]);
                        }
                        h = next;
                    }
                    for (double v : h) sum += v * v;
                }
                return sum / 4;
            };
            for (int k = 0; k < params.size(); k++) {
                double[] fd = dev.rnn4j.testing.FiniteDifferences.central(w[k], 1e-6, loss);
                double err = dev.rnn4j.testing.ReferenceFirst.relativeNormError(dev.rnn4j.testing.ReferenceFirst.toDouble(analytic.get(k)), fd);
                assertTrue(err < 1e-4, params.get(k).name() + ": relative error " + err);
            }
        }
    }

    @Test
    void negationSentimentExampleLearnsTheTask() {
        try (Backend backend = Backends.cpu()) {
            double accuracy = NegationSentimentExample.run(backend, 8);
            assertTrue(accuracy >= 0.9, "held-out accuracy " + accuracy);
        }
    }
}

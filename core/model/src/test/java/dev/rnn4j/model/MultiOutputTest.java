package dev.rnn4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.backend.Backends;
import dev.rnn4j.model.io.Checkpoint;
import dev.rnn4j.model.layers.Layers;
import dev.rnn4j.model.ops.HostData;
import dev.rnn4j.model.ops.LossOps;
import dev.rnn4j.model.train.Dataset;
import dev.rnn4j.model.train.FitOptions;
import dev.rnn4j.model.train.History;
import dev.rnn4j.model.train.Loss;
import dev.rnn4j.model.train.Losses;
import dev.rnn4j.model.train.Metric;
import dev.rnn4j.model.train.Metrics;
import dev.rnn4j.model.train.Optimizers;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Models with several outputs trained with a loss (and weight) and metrics per output, as Keras'
 * {@code compile(loss={...}, loss_weights={...}, metrics={...})}: a tagger-and-classifier with a shared encoder
 * learns both tasks with fit; the weighted total's gradient is checked by finite differences; evaluate and predict
 * give every output; a checkpoint resumes multi-output training exactly; and wrong compile arguments are refused.
 */
class MultiOutputTest {

    private static final int N = 48, T = 6, V = 8;
    private final Backend backend = Backends.cpu();
    private final TensorScope scope = TensorScope.open();
    @TempDir
    Path dir;

    @AfterEach
    void close() {
        scope.close();
    }

    /** tokens → shared embedding + bidirectional GRU → per-step tags ("tags") and a sequence label ("label"). */
    private static Model taggerAndClassifier() {
        Node in = Input.tokens(-1);
        Node encoded = Layers.bidirectional(Layers.gru(8).returnSequences(true), "concat").apply(Layers.embedding(V, 6).maskZero(true).apply(in));
        Node tags = Layers.dense(3).apply(encoded);
        Node label = Layers.dense(2).apply(Layers.globalAveragePooling1D().apply(encoded));
        return Model.functional(List.of(in), List.of(tags, label));
    }

    /** Tag of a token: its id mod 3; label: whether the sequence holds a 7. Padding (0) after the tokens. */
    private Dataset data() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(4);
        int[] x = new int[N * T], tags = new int[N * T], labels = new int[N];
        for (int n = 0; n < N; n++) {
            int len = 3 + rng.nextInt(T - 2);
            for (int t = 0; t < len; t++) {
                int id = 1 + rng.nextInt(V - 1);
                x[n * T + t] = id;
                tags[n * T + t] = id % 3;
                if (id == 7) labels[n] = 1;
            }
        }
        return Dataset.of(List.of(scope.fromIntArray(x, N, T)), List.of(scope.fromIntArray(tags, N, T), scope.fromIntArray(labels, N)));
    }

    private static void compile(Model m, double labelWeight) {
        Loss ce = Losses.sparseCategoricalCrossentropy(true);
        m.compile(Optimizers.adam(2e-2f), Map.of("dense", ce, "dense_1", ce), Map.of("dense_1", labelWeight),
                Map.of("dense", List.<Metric>of(Metrics.accuracy()), "dense_1", List.<Metric>of(Metrics.accuracy())));
    }

    @Test
    void bothOutputsLearnWithFitAndEveryOutputIsLoggedEvaluatedAndPredicted() {
        Dataset data = data();
        try (Model model = taggerAndClassifier().build(backend, 1)) {
            assertEquals(List.of("dense", "dense_1"), model.outputNames());
            compile(model, 0.5);
            History h = model.fit(data, FitOptions.defaults().epochs(12).batchSize(8).validationSplit(0.25).verbose(false));
            Map<String, Double> last = h.last();
            assertEquals(List.of("loss", "dense_loss", "dense_accuracy", "dense_1_loss", "dense_1_accuracy", "val_loss", "val_dense_loss", "val_dense_accuracy",
                    "val_dense_1_loss", "val_dense_1_accuracy", "lr"), List.copyOf(last.keySet()));
            assertEquals(last.get("dense_loss") + 0.5 * last.get("dense_1_loss"), last.get("loss"), 1e-5, "loss = Σ weight·loss");
            double[] tagLoss = h.get("dense_loss"), labelLoss = h.get("dense_1_loss");
            assertTrue(tagLoss[11] < tagLoss[0] * 0.5, "tag loss should fall: " + java.util.Arrays.toString(tagLoss));
            assertTrue(labelLoss[11] < labelLoss[0] * 0.8, "label loss should fall: " + java.util.Arrays.toString(labelLoss));
            assertTrue(last.get("dense_accuracy") > 0.9, "tagging accuracy " + last);
            Map<String, Double> eval = model.evaluate(data, 16);
            assertEquals(eval.get("dense_loss") + 0.5 * eval.get("dense_1_loss"), eval.get("loss"), 1e-5);
            List<Tensor> predicted = model.predict(scope, List.of(data.batch(scope, identity(N)).x()), 16);
            assertArrayEquals(new long[] {N, T, 3}, predicted.get(0).shape());
            assertArrayEquals(new long[] {N, 2}, predicted.get(1).shape());
            assertTrue(assertThrows(IllegalArgumentException.class, () -> model.predict(scope, data.batch(scope, identity(N)).x(), 16)).getMessage()
                    .contains("returns every output"));
        }
    }

    private static int[] identity(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) r[i] = i;
        return r;
    }

    /** A loss weight of 0 trains nothing of that head: its own weights stay as they were (Adam's update of a zero gradient is zero). */
    @Test
    void aZeroLossWeightLeavesItsHeadUntrained() {
        try (Model model = taggerAndClassifier().build(backend, 2)) {
            compile(model, 0.0);
            float[] before = HostData.floats(backend, model.parameter("dense_1.weight").value());
            float[] tagBefore = HostData.floats(backend, model.parameter("dense.weight").value());
            model.fit(data(), FitOptions.defaults().epochs(1).batchSize(16).verbose(false));
            assertArrayEquals(before, HostData.floats(backend, model.parameter("dense_1.weight").value()), 0f);
            assertTrue(!java.util.Arrays.equals(tagBefore, HostData.floats(backend, model.parameter("dense.weight").value())));
        }
    }

    /** d(Σ w_k·L_k)/dθ by finite differences, through the weighted sum on the tape. */
    @Test
    void theWeightedTotalHasTheWeightedGradient() {
        Dataset data = data();
        Dataset.Batch batch = data.batch(scope, new int[] {0, 1, 2});
        Loss ce = Losses.sparseCategoricalCrossentropy(true);
        try (Model model = taggerAndClassifier().build(backend, 3)) {
            new GradCheck(backend).check((tape, in) -> {
                List<Variable> out = model.call(tape, List.of(tape.constant(batch.x())));
                Variable tags = ce.compute(tape, out.get(0), tape.constant(batch.targets().get(0)));
                Variable label = ce.compute(tape, out.get(1), tape.constant(batch.targets().get(1)));
                return LossOps.weightedSum(tape, List.of(tags, label), new float[] {0.7f, 1.9f});
            }, List.of(), model.parameters(), 4);
        }
    }

    @Test
    void aCheckpointResumesMultiOutputTrainingExactly() throws Exception {
        Dataset data = data();
        FitOptions two = FitOptions.defaults().epochs(2).batchSize(8).seed(5).verbose(false);
        Path file = dir.resolve("multi.safetensors");
        double[] continued;
        try (Model m = taggerAndClassifier().build(backend, 4)) {
            compile(m, 0.3);
            m.fit(data, two);
            Checkpoint.save(file, m, Map.of());
            continued = m.fit(data, two).get("loss");
        }
        try (Model m = Checkpoint.load(file, backend).model()) {
            assertEquals(0.3, m.trainer().objectives().get(1).weight(), 0);
            double[] resumed = m.fit(data, two).get("loss");
            assertArrayEquals(continued, resumed, 0.0, "resumed training must repeat the original run exactly");
            assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(file, backend, Metrics.accuracy()));
        }
    }

    /** Outputs without a loss (attention weights, states) are computed but not trained; targets come only for those with one. */
    @Test
    void outputsWithoutALossNeedNoTarget() {
        Node in = Input.floats(4, 3);
        List<Node> lstm = Layers.lstm(5).returnSequences(true).returnState(true).apply(List.of(in));
        Node out = Layers.dense(1).apply(lstm.get(1));
        try (Model model = Model.functional(List.of(in), List.of(out, lstm.get(0))).build(backend, 1)) {
            model.compile(Optimizers.sgd(0.1f), Map.of("dense", Losses.meanSquaredError()), Map.of(), Map.of());
            Tensor x = GradCheck.uniform(scope, 1, 6, 4, 3), y = GradCheck.uniform(scope, 2, 6, 1);
            History h = model.fit(Dataset.of(List.of(x), List.of(y)), FitOptions.defaults().epochs(2).batchSize(3).verbose(false));
            assertEquals(List.of("loss", "lr"), List.copyOf(h.last().keySet()));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> model.fit(Dataset.of(List.of(x), List.of(y, y)), FitOptions.defaults().verbose(false)))
                    .getMessage().contains("needs one target each, got 2"));
        }
    }

    @Test
    void wrongCompileArgumentsAreRefused() {
        try (Model model = taggerAndClassifier().build(backend, 1)) {
            Loss ce = Losses.sparseCategoricalCrossentropy(true);
            assertTrue(assertThrows(IllegalArgumentException.class, () -> model.compile(Optimizers.sgd(0.1f), ce)).getMessage().contains("give a loss per output"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> model.compile(Optimizers.sgd(0.1f), Map.of("tags", ce), Map.of(), Map.of()))
                    .getMessage().contains("'tags' is not an output of the model; outputs: [dense, dense_1]"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> model.compile(Optimizers.sgd(0.1f), Map.of(), Map.of(), Map.of())).getMessage()
                    .contains("no loss for any output"));
            assertTrue(assertThrows(IllegalArgumentException.class,
                    () -> model.compile(Optimizers.sgd(0.1f), Map.of("dense", ce), Map.of("dense", -1.0), Map.of())).getMessage().contains("loss weight"));
            assertTrue(assertThrows(IllegalArgumentException.class,
                    () -> model.compile(Optimizers.sgd(0.1f), Map.of("dense", ce), Map.of(), Map.of("dense_1", List.of(Metrics.accuracy())))).getMessage()
                    .contains("has metrics but no loss"));
        }
    }
}

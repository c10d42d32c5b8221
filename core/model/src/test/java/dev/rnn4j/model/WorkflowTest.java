package dev.rnn4j.model;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.backend.Backends;
import dev.rnn4j.model.generate.Sampler;
import dev.rnn4j.model.generate.TextGenerator;
import dev.rnn4j.model.io.Checkpoint;
import dev.rnn4j.model.layers.Layers;
import dev.rnn4j.model.ops.HostData;
import dev.rnn4j.model.train.Callback;
import dev.rnn4j.model.train.EarlyStopping;
import dev.rnn4j.model.train.FitOptions;
import dev.rnn4j.model.train.History;
import dev.rnn4j.model.train.Losses;
import dev.rnn4j.model.train.Metrics;
import dev.rnn4j.model.io.ModelCheckpoint;
import dev.rnn4j.model.train.Optimizers;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** fit/evaluate/predict, callbacks, checkpoints (exact resume, corruption), generation and bad input on a tiny char model. */
class WorkflowTest {

    static final int V = 7, T = 6, N = 48;
    private final Backend backend = Backends.cpu();
    private final TensorScope scope = TensorScope.open();
    @TempDir
    Path dir;

    @AfterEach
    void close() {
        scope.close();
    }

    static Model charModel() {
        return Sequential.of(Input.tokens(-1), Layers.embedding(V, 4), Layers.lstm(8).returnSequences(true), Layers.dense(V));
    }

    /** Cyclic sequences: the next token is (token + 1) mod (V - 1) + 1, ids 1..V-1. */
    Tensor[] data() {
        int[] x = new int[N * T], y = new int[N * T];
        for (int n = 0; n < N; n++) {
            for (int t = 0; t < T; t++) {
                x[n * T + t] = 1 + (n + t) % (V - 1);
                y[n * T + t] = 1 + (n + t + 1) % (V - 1);
            }
        }
        return new Tensor[] {scope.fromIntArray(x, N, T), scope.fromIntArray(y, N, T)};
    }

    private Model compiled(long seed) {
        Model m = charModel().build(backend, seed);
        m.compile(Optimizers.adam(2e-2f).clipNorm(1f), Losses.sparseCategoricalCrossentropy(true), Metrics.accuracy());
        return m;
    }

    @Test
    void fitLearnsAndReportsHistoryValidationAndCallbacks() throws Exception {
        Tensor[] d = data();
        try (Model m = compiled(1)) {
            List<Integer> epochsSeen = new ArrayList<>();
            int[] batches = {0};
            ModelCheckpoint best = new ModelCheckpoint(dir.resolve("best.safetensors"), "val_loss", true, Map.of());
            History h = m.fit(d[0], d[1], FitOptions.defaults().epochs(8).batchSize(8).validationSplit(0.25), best,
                    Callback.perEpoch((e, logs) -> epochsSeen.add(e)), new Callback() {
                        @Override
                        public void onBatchEnd(Model model, Callback.BatchEnd b) {
                            batches[0]++;
                        }
                    });
            assertEquals(8, h.epochs().size());
            assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), epochsSeen);
            assertEquals(8 * 5, batches[0]);
            double[] loss = h.get("loss");
            assertTrue(loss[7] < loss[0] * 0.5, "loss should fall: " + Arrays.toString(loss));
            assertTrue(h.last().get("val_accuracy") > 0.9, "validation accuracy " + h.last());
            assertTrue(best.saves() >= 1 && Files.exists(dir.resolve("best.safetensors")));
            Tensor probs = m.predict(scope, d[0], 16);
            assertArrayEquals(new long[] {N, T, V}, probs.shape());
        }
    }

    @Test
    void earlyStoppingStopsAndRestoresBestWeights() {
        Tensor[] d = data();
        try (Model m = compiled(2)) {
            EarlyStopping stop = new EarlyStopping("loss", 0, 10.0, true);
            History h = m.fit(d[0], d[1], FitOptions.defaults().epochs(5).batchSize(16), stop);
            assertTrue(h.stoppedEarly());
            assertEquals(2, h.epochs().size());
            assertEquals(0, stop.bestEpoch());
        }
    }

    @Test
    void checkpointResumesTrainingExactly() throws Exception {
        Tensor[] d = data();
        Path file = dir.resolve("ck.safetensors");
        FitOptions two = FitOptions.defaults().epochs(2).batchSize(8).seed(5);
        double[] continued;
        try (Model m = compiled(3)) {
            m.fit(d[0], d[1], two);
            Checkpoint.save(file, m, Map.of("tokenizer", "{\"k\":1}"));
            continued = m.fit(d[0], d[1], two).get("loss");
        }
        Checkpoint.Loaded loaded = Checkpoint.load(file, backend, Metrics.accuracy());
        try (Model m = loaded.model()) {
            assertEquals("{\"k\":1}", loaded.extras().get("tokenizer"));
            assertEquals(12, m.trainer().optimizer().iterations());
            double[] resumed = m.fit(d[0], d[1], two).get("loss");
            assertArrayEquals(continued, resumed, 0.0, "resumed training must repeat the original run exactly");
        }
    }

    @Test
    void truncatedOrCorruptedCheckpointIsRejected() throws Exception {
        Path file = dir.resolve("ck.safetensors");
        try (Model m = compiled(4)) {
            Checkpoint.save(file, m, Map.of());
        }
        byte[] bytes = Files.readAllBytes(file);
        Path truncated = dir.resolve("truncated.safetensors");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length - 10));
        var e1 = assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(truncated, backend));
        assertTrue(e1.getMessage().contains("truncated"), e1.getMessage());
        byte[] bad = bytes.clone();
        bad[12] = '#';
        Path corrupted = dir.resolve("corrupted.safetensors");
        Files.write(corrupted, bad);
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(corrupted, backend));
        Path tiny = dir.resolve("tiny.safetensors");
        Files.write(tiny, new byte[] {1, 2, 3});
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(tiny, backend));
        Path keras = dir.resolve("model.keras");
        Files.write(keras, new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0});
        var e2 = assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(keras, backend));
        assertTrue(e2.getMessage().contains("a Keras 3 .keras model?") && e2.getMessage().contains("KerasFiles.load"), e2.getMessage());
        Path h5 = dir.resolve("model.h5");
        Files.write(h5, new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0});
        var e3 = assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(h5, backend));
        assertTrue(e3.getMessage().contains("an HDF5 file (a Keras .h5 model?)"), e3.getMessage());
    }

    @Test
    void stepByStepGenerationMatchesFullSequenceAndIsSeeded() {
        try (Model m = charModel().build(backend, 6)) {
            int[] prompt = {1, 2, 3, 4};
            float[] full;
            try (GradientTape tape = m.tape(false)) {
                Variable out = m.call(tape, tape.constant(scope.fromIntArray(prompt, 1, 4)));
                full = HostData.floats(backend, out.value().select(0, 0).select(0, 3));
            }
            try (TextGenerator g = new TextGenerator(m, Sampler.greedy(), 1)) {
                g.feed(1, 2);
                g.feed(3);
                float[] stepwise = g.feed(4);
                assertArrayEquals(full, stepwise, 1e-5f);
            }
            int[] a, b, c;
            try (TextGenerator g = new TextGenerator(m, Sampler.topK(3, 1.5f), 42)) {
                a = g.generate(prompt, 20);
            }
            try (TextGenerator g = new TextGenerator(m, Sampler.topK(3, 1.5f), 42)) {
                b = g.generate(prompt, 20);
            }
            try (TextGenerator g = new TextGenerator(m, Sampler.topK(3, 1.5f), 43)) {
                c = g.generate(prompt, 20);
            }
            assertArrayEquals(a, b);
            assertNotEquals(Arrays.toString(a), Arrays.toString(c));
        }
    }

    @Test
    void statefulLayerCarriesStateUntilReset() {
        int[] ids = {1, 2, 3, 4, 5, 6};
        try (Model whole = Sequential.of(Input.tokens(-1), Layers.embedding(V, 4), Layers.lstm(5)).build(backend, 8);
             Model split = Sequential.of(Input.tokens(-1), Layers.embedding(V, 4), Layers.lstm(5).stateful(true)).build(backend, 8)) {
            float[] expected = run(whole, ids);
            run(split, Arrays.copyOfRange(ids, 0, 3));
            assertArrayEquals(expected, run(split, Arrays.copyOfRange(ids, 3, 6)), 1e-5f);
            split.resetStates();
            assertArrayEquals(run(whole, Arrays.copyOfRange(ids, 3, 6)), run(split, Arrays.copyOfRange(ids, 3, 6)), 1e-6f);
        }
    }

    private float[] run(Model m, int[] ids) {
        try (GradientTape tape = m.tape(false)) {
            return HostData.floats(backend, m.call(tape, tape.constant(scope.fromIntArray(ids, 1, ids.length))).value());
        }
    }

    @Test
    void badInputGivesClearExceptions() {
        try (Model m = compiled(9)) {
            Tensor ok = scope.fromIntArray(new int[] {1, 2, 3}, 1, 3);
            var unknown = assertThrows(IndexOutOfBoundsException.class, () -> run(m, new int[] {1, 9, 2}));
            assertTrue(unknown.getMessage().contains("vocabulary"), unknown.getMessage());
            var rank = assertThrows(IllegalArgumentException.class, () -> {
                try (GradientTape tape = m.tape(false)) {
                    m.call(tape, tape.constant(scope.fromIntArray(new int[] {1, 2, 3}, 3)));
                }
            });
            assertTrue(rank.getMessage().contains("rank"), rank.getMessage());
            var label = assertThrows(IllegalArgumentException.class, () -> m.fit(ok, scope.fromIntArray(new int[] {1, 2, 99}, 1, 3), FitOptions.defaults()));
            assertTrue(label.getMessage().contains("out of range"), label.getMessage());
            var empty = assertThrows(IllegalArgumentException.class, () -> m.fit(scope.allocate(dev.rnn4j.tensor.DType.INT32, 0, 3),
                    scope.allocate(dev.rnn4j.tensor.DType.INT32, 0, 3), FitOptions.defaults()));
            assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
            assertThrows(IllegalArgumentException.class, () -> m.fit(ok, scope.fromIntArray(new int[] {1, 2}, 1, 2), FitOptions.defaults()));
        }
    }

    @Test
    void nanLossStopsNamingTheStep() {
        float[] x = new float[8 * 3];
        for (int i = 0; i < x.length; i++) x[i] = i / 10f;
        x[5 * 3 + 1] = Float.NaN;
        try (Model m = Sequential.of(Input.floats(3), Layers.dense(2)).build(backend, 10)) {
            m.compile(Optimizers.sgd(0.01f), Losses.meanSquaredError());
            var e = assertThrows(IllegalStateException.class, () -> m.fit(scope.fromArray(x, 8, 3), scope.zeros(8, 2),
                    FitOptions.defaults().epochs(1).batchSize(2).shuffle(false)));
            assertTrue(e.getMessage().startsWith("loss is NaN at training step 3"), e.getMessage());
        }
    }
}

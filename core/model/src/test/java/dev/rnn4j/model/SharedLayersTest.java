package dev.rnn4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.backend.Backends;
import dev.rnn4j.model.io.Checkpoint;
import dev.rnn4j.model.layers.Attention;
import dev.rnn4j.model.layers.Dense;
import dev.rnn4j.model.layers.Layers;
import dev.rnn4j.model.layers.Recurrent;
import dev.rnn4j.model.ops.HostData;
import dev.rnn4j.model.train.Dataset;
import dev.rnn4j.model.train.FitOptions;
import dev.rnn4j.model.train.Losses;
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
 * Shared layers (one layer called at several nodes: one set of weights, gradients added up, checked by finite
 * differences), models built from nodes of another model's graph (Keras' attention-reading model, inner nodes as
 * inputs), their checkpoints, and the errors of a wrong sharing.
 */
class SharedLayersTest {

    private final Backend backend = Backends.cpu();
    private final TensorScope scope = TensorScope.open();
    @TempDir
    Path dir;

    @AfterEach
    void close() {
        scope.close();
    }

    @Test
    void aDenseCalledTwiceHasOneWeightAndTheSumOfBothGradients() {
        Node a = Input.floats(4);
        Node b = Input.floats(3, 4);
        Dense shared = Layers.dense(2, "tanh");
        Node sa = shared.apply(a);
        Node sb = shared.apply(b);
        Node pooled = Layers.globalAveragePooling1D().apply(sb);
        Node out = Layers.concatenate().apply(List.of(sa, pooled)).getFirst();
        try (Model model = Model.functional(List.of(a, b), List.of(out)).build(backend, 1)) {
            assertEquals(List.of("dense.weight", "dense.bias"), model.parameters().stream().map(Parameter::name).toList());
            assertEquals(4 * 2 + 2, model.parameterCount());
            assertArrayEquals(new long[] {4}, model.outputShapes().getFirst());
            assertArrayEquals(new long[] {3, 2}, sb.shape(), "a shared Dense follows each call's leading dims");
            new GradCheck(backend).check((tape, in) -> model.call(tape, in).getFirst(),
                    List.of(GradCheck.uniform(scope, 1, 2, 4), GradCheck.uniform(scope, 2, 2, 3, 4)), model.parameters(), 3);
        }
    }

    /** A siamese LSTM: one recurrent layer (its flat weight space) read by two sequences of different lengths. */
    @Test
    void aRecurrentLayerCalledOnTwoSequencesAddsBothGradients() {
        Node a = Input.floats(-1, 3);
        Node b = Input.floats(-1, 3);
        Recurrent lstm = Layers.lstm(4);
        Node diff = Layers.concatenate().apply(List.of(lstm.apply(a), lstm.apply(b))).getFirst();
        Node out = Layers.dense(1).apply(diff);
        try (Model model = Model.functional(List.of(a, b), List.of(out)).build(backend, 2)) {
            assertEquals(List.of("lstm", "concatenate", "dense"), model.layers().stream().map(Layer::name).toList());
            new GradCheck(backend).check((tape, in) -> model.call(tape, in).getFirst(),
                    List.of(GradCheck.uniform(scope, 3, 2, 5, 3), GradCheck.uniform(scope, 4, 2, 3, 3)), model.parameters(), 5);
        }
    }

    /** The attention lesson: train a classifier, then read its attention weights with a second model that stops at the attention layer. */
    @Test
    void aModelFromTheAttentionNodeSharesTheTrainedWeights() throws Exception {
        Node tokens = Input.tokens(-1);
        Node emb = Layers.embedding(12, 8).maskZero(true).apply(tokens);
        List<Node> rnn = Layers.lstm(8).returnSequences(true).returnState(true).apply(List.of(emb));
        Attention attention = Layers.generalAttention();
        List<Node> att = attention.apply(List.of(rnn.get(1), rnn.get(0)));
        Node logits = Layers.dense(2).apply(Layers.concatenate().apply(List.of(att.get(0), rnn.get(1))).getFirst());
        int[] ids = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 0, 0, 5, 8, 9, 7, 9, 3, 2, 3, 8, 0, 0, 0};
        Tensor x = scope.fromIntArray(ids, 4, 6);
        Tensor y = scope.fromIntArray(new int[] {0, 1, 1, 0}, 4);
        try (Model model = Model.functional(tokens, logits).build(backend, 3)) {
            model.compile(Optimizers.adam(1e-2f), Losses.sparseCategoricalCrossentropy(true), Metrics.accuracy());
            model.fit(x, y, FitOptions.defaults().epochs(3).batchSize(2).verbose(false));
            Model reader = Model.functional(model.inputs(), List.of(model.outputsOf("attention").get(1)));
            try (reader) {
                reader.build(backend, 0);
                assertEquals(model.parameterCount(), reader.parameterCount() + 2 * 16 + 2, "the reader holds every weight up to the attention");
                float[] weights = reader.predict(scope, x, 4).toFloatArray();
                model.predict(scope, x, 4);
                assertArrayEquals(attention.lastWeights(), weights, 0f, "the reader must see the trained model's attention");
                for (int r = 0; r < 4; r++) {
                    double sum = 0;
                    for (int t = 0; t < 6; t++) {
                        sum += weights[r * 6 + t];
                        if (ids[r * 6 + t] == 0) assertEquals(0f, weights[r * 6 + t], 1e-6f, "padding gets no attention");
                    }
                    assertEquals(1.0, sum, 1e-5);
                }
                // training the big model moves the reader too: they are the same weights
                model.fit(x, y, FitOptions.defaults().epochs(1).batchSize(2).verbose(false));
                float[] after = reader.predict(scope, x, 4).toFloatArray();
                assertTrue(!java.util.Arrays.equals(weights, after));
                // the reader saves and loads on its own
                Path file = dir.resolve("reader.safetensors");
                Checkpoint.save(file, reader, Map.of());
                try (Model loaded = Checkpoint.load(file, backend).model()) {
                    assertArrayEquals(after, loaded.predict(scope, x, 4).toFloatArray(), 0f);
                }
            }
            // closing the reader leaves the owner's weights alone
            assertEquals(4, model.predict(scope, x, 4).dim(0));
        }
    }

    /** A model whose inputs are inner nodes of another graph: it runs the rest of the graph on values the caller gives. */
    @Test
    void innerNodesAsInputsRunTheRestOfTheGraph() {
        Node in = Input.floats(5, 3);
        Node hidden = Layers.lstm(4).returnSequences(true).apply(in);
        Node pooled = Layers.globalMaxPooling1D().apply(hidden);
        Node out = Layers.dense(2).apply(pooled);
        Tensor x = GradCheck.uniform(scope, 5, 2, 5, 3);
        try (Model full = Model.functional(in, out).build(backend, 4);
             Model encoder = Model.functional(List.of(in), List.of(hidden)).build(backend, 0);
             Model head = Model.functional(List.of(hidden), List.of(out)).build(backend, 0)) {
            assertEquals(List.of("lstm"), encoder.layers().stream().map(Layer::name).toList());
            assertEquals(2, head.layers().size());
            Tensor h = encoder.predict(scope, x, 2);
            assertArrayEquals(full.predict(scope, x, 2).toFloatArray(), head.predict(scope, h, 2).toFloatArray(), 0f);
            assertTrue(head.summary().contains("lstm_0 (InputLayer)"), head.summary());
            assertTrue(assertThrows(IllegalArgumentException.class, () -> head.predict(scope, x, 2)).getMessage().contains("dim 2 must be 4"));
        }
    }

    @Test
    void aSharedLayerInACheckpointIsCreatedOnceAndCalledAgain() throws Exception {
        Node a = Input.tokens(-1);
        Node b = Input.tokens(-1);
        var embedding = Layers.embedding(10, 4);
        var gru = Layers.gru(3);
        Node out = Layers.dense(1, "sigmoid").apply(Layers.concatenate().apply(List.of(gru.apply(embedding.apply(a)), gru.apply(embedding.apply(b)))).getFirst());
        Tensor xa = scope.fromIntArray(new int[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor xb = scope.fromIntArray(new int[] {7, 8, 9, 1, 2, 3, 4, 5}, 2, 4);
        Path file = dir.resolve("siamese.safetensors");
        float[] expected;
        try (Model model = Model.functional(List.of(a, b), List.of(out)).build(backend, 5)) {
            expected = model.predict(scope, List.of(xa, xb), 2).getFirst().toFloatArray();
            Checkpoint.save(file, model, Map.of());
            assertTrue(model.summary().contains("embedding[1][0]"), "the second call of the GRU reads the embedding's second call:\n" + model.summary());
        }
        try (Model loaded = Checkpoint.load(file, backend).model()) {
            assertEquals(4, loaded.layers().size());
            assertEquals(2, loaded.calls().stream().filter(c -> c.layer().name().equals("gru")).count());
            assertArrayEquals(expected, loaded.predict(scope, List.of(xa, xb), 2).getFirst().toFloatArray(), 0f);
        }
    }

    @Test
    void wrongSharingIsRejectedWithAClearMessage() {
        Dense dense = Layers.dense(2);
        Node a = Input.floats(4);
        Node b = Input.floats(5);
        Node both = Layers.concatenate().apply(List.of(dense.apply(a), dense.apply(b))).getFirst();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Model.functional(List.of(a, b), List.of(both)).build(backend, 1)).getMessage()
                .contains("was built for 4 input features"));

        Node in = Input.floats(3);
        Node hidden = Layers.dense(4).apply(in);
        Node out = Layers.dense(1).apply(hidden);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Model.functional(List.of(hidden), List.of(out)).build(backend, 1)).getMessage()
                .contains("has no known shape"), "an inner node's shape is known once the model computing it is built");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Model.functional(List.of(in, in), List.of(out))).getMessage().contains("twice"));
        Node other = Input.floats(3);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Model.functional(other, out)).getMessage().contains("not among the model inputs"));

        // two built layers of one name cannot meet in one model
        Node x = Input.floats(2);
        Dense first = Layers.dense(2);
        Dense second = Layers.dense(2);
        try (Model m1 = Sequential.of(x, first).build(backend, 1); Model m2 = Sequential.of(Input.floats(2), second).build(backend, 1)) {
            Node joined = Layers.concatenate().apply(List.of(m1.outputs().getFirst(), second.apply(x))).getFirst();
            assertTrue(assertThrows(IllegalArgumentException.class, () -> Model.functional(x, joined)).getMessage().contains("two built layers are named 'dense'"));
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Model.functional(x, x).outputsOf("nothing")).getMessage().contains("no layer named"));
    }

    @Test
    void outputNamesFollowLayersCallsAndOutputs() {
        Node in = Input.tokens(-1);
        Node emb = Layers.embedding(5, 3).apply(in);
        List<Node> lstm = Layers.lstm(2).returnState(true).apply(List.of(emb));
        Dense head = Layers.dense(1);
        Model model = Model.functional(List.of(in), List.of(head.apply(lstm.get(0)), head.apply(lstm.get(1)), lstm.get(2), in));
        assertEquals(List.of("dense", "dense_call1", "lstm_2", "tokens"), model.outputNames());
        assertEquals(1, model.outputsOf("dense", 1).size());
        assertThrows(IllegalArgumentException.class, () -> model.outputsOf("dense", 2));
        model.close();
    }

    /** Datasets built from rows of ids and labels go straight into fit, several inputs included. */
    @Test
    void rowsOfIdsFeedFitThroughDatasets() {
        int[][] rows = {{1, 2, 3}, {3, 2, 1}, {2, 2, 0}, {4, 1, 0}};
        int[] labels = {0, 1, 0, 1};
        try (Model model = Sequential.of(Input.tokens(-1), Layers.embedding(5, 4).maskZero(true), Layers.gru(4), Layers.dense(2)).build(backend, 2)) {
            model.compile(Optimizers.adam(1e-2f), Losses.sparseCategoricalCrossentropy(true), Metrics.accuracy());
            assertEquals(2, model.fit(Dataset.of(rows, labels), FitOptions.defaults().epochs(2).batchSize(3).verbose(false)).epochs().size());
            Tensor x = scope.fromIntArray(rows);
            assertArrayEquals(new long[] {4, 3}, x.shape());
            assertEquals(4, x.getInt(3, 0));
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Dataset.of(new int[][] {{1, 2}, {1}}, new int[] {0, 1})).getMessage().contains("row 1 has length 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Dataset.of(rows, new int[] {0})).getMessage().contains("y has 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> scope.fromArray(new float[][][] {{{1, 2}}, {{1}}})).getMessage()
                .contains("step 0 of sequence 1 has length 1"));
        float[][][] seq = {{{1, 2}, {3, 4}}, {{5, 6}, {7, 8}}};
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, scope.fromArray(seq).toFloatArray());
        Dataset.Batch batch = Dataset.of(seq, new int[] {1, 0}).batch(scope, new int[] {1});
        assertArrayEquals(new float[] {5, 6, 7, 8}, batch.x().toFloatArray());
        assertEquals(0, batch.y().getInt(0));
    }

    /** Gradients read through HostData after a pass with a shared Embedding show both calls' rows. */
    @Test
    void aSharedEmbeddingGathersGradientsFromBothCalls() {
        Node a = Input.tokens(-1), b = Input.tokens(-1);
        var embedding = Layers.embedding(6, 2);
        Node out = Layers.concatenate().apply(List.of(embedding.apply(a), embedding.apply(b))).getFirst();
        try (Model model = Model.functional(List.of(a, b), List.of(out)).build(backend, 1); GradientTape tape = model.tape(true)) {
            Variable o = model.call(tape, List.of(tape.constant(scope.fromIntArray(new int[] {1, 2}, 1, 2)), tape.constant(scope.fromIntArray(new int[] {2, 5}, 1, 2))))
                    .getFirst();
            tape.backward(GradCheck.weightedSum(tape, o, new float[] {1, 1, 1, 1, 1, 1, 1, 1}));
            float[] g = HostData.floats(backend, model.parameter("embedding.weight").grad());
            assertArrayEquals(new float[] {0, 0, 1, 1, 2, 2, 0, 0, 0, 0, 1, 1}, g, 0f, "row 2 is read by both calls");
        }
    }
}

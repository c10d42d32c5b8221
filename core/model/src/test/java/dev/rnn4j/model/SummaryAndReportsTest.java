package dev.rnn4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.backend.Backends;
import dev.rnn4j.model.layers.Layers;
import dev.rnn4j.model.train.EpochReport;
import dev.rnn4j.model.train.FitOptions;
import dev.rnn4j.model.train.History;
import dev.rnn4j.model.train.LambdaCallback;
import dev.rnn4j.model.train.Losses;
import dev.rnn4j.model.train.Metrics;
import dev.rnn4j.model.train.Optimizers;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** summary() as Keras prints it, the per-epoch report, LambdaCallback's hooks and how numbers are shown. */
class SummaryAndReportsTest {

    private final Backend backend = Backends.cpu();
    private final TensorScope scope = TensorScope.open();

    @AfterEach
    void close() {
        scope.close();
    }

    /** The classic model of the issue: Embedding(mask_zero) → Bidirectional(LSTM) → Dense. */
    @Test
    void summaryIsKerasTableWithinAHundredColumns() {
        try (Model model = Sequential.of(Input.tokens(20), Layers.embedding(5000, 64).maskZero(true),
                Layers.bidirectional(Layers.lstm(64), "concat"), Layers.dense(2, "softmax")).build(backend, 1)) {
            String s = model.summary();
            System.out.println(s);
            for (String line : s.split("\n")) assertTrue(line.length() <= 100, "line of " + line.length() + " characters: " + line);
            assertTrue(s.contains(" Layer (type)") || s.contains("Layer (type)"));
            assertTrue(s.contains("tokens (InputLayer)") && s.contains("(None, 20)"), s);
            assertTrue(s.contains("embedding (Embedding)") && s.contains("(None, 20, 64)") && s.contains("320,000"), s);
            assertTrue(s.contains("bidirectional (Bidirectional)") && s.contains("(None, 128)") && s.contains("66,560") && s.contains("embedding[0][0]"), s);
            assertTrue(s.contains("dense (Dense)") && s.contains("(None, 2)") && s.contains("258") && s.contains("bidirectional[0][0]"), s);
            // PyTorch's two bias vectors per direction (Keras counts one: 66,048 for this layer)
            long total = 5000 * 64 + 2 * (4 * 64 * 64 + 4 * 64 * 64 + 8 * 64) + 128 * 2 + 2;
            assertEquals(total, model.parameterCount());
            assertTrue(s.contains("Total params: " + String.format(java.util.Locale.ROOT, "%,d", total)), s);
            assertTrue(s.contains("Trainable params: " + String.format(java.util.Locale.ROOT, "%,d", total)) && s.contains("Non-trainable params: 0"), s);
        }
    }

    /** A shared layer is one row with a line per call; states get a line each; unbuilt models say so. */
    @Test
    void summaryShowsEveryCallAndOutputOfALayer() {
        Node a = Input.tokens(-1), b = Input.tokens(-1);
        var embedding = Layers.embedding(10, 4);
        List<Node> lstm = Layers.lstm(3).returnState(true).apply(List.of(embedding.apply(a)));
        Node other = embedding.apply(b);
        Node out = Layers.concatenate().apply(List.of(lstm.get(0), Layers.globalMaxPooling1D().apply(other))).getFirst();
        Model model = Model.functional(List.of(a, b), List.of(out));
        String unbuilt = model.summary();
        assertTrue(unbuilt.contains("not built"), unbuilt);
        model.build(backend, 1);
        String s = model.summary();
        System.out.println(s);
        assertTrue(s.contains("(None, None, 4)") && s.contains("tokens[0][0]") && s.contains("tokens_1[0][0]") && s.contains("tokens_1 (InputLayer)"), s);
        assertTrue(s.contains("embedding[1][0]"), "the pooling reads the second call of the embedding:\n" + s);
        String lstmRow = s.substring(s.indexOf("lstm (LSTM)"));
        assertTrue(lstmRow.split("\n")[1].contains("(None, 3)") && lstmRow.split("\n")[2].contains("(None, 3)"), "h and c on lines of their own:\n" + s);
        assertEquals(1, s.split("embedding \\(Embedding\\)", -1).length - 1, "one row for the shared layer");
        model.close();
    }

    @Test
    void theEpochReportAndTheLogsShowNumbersAsPeopleWriteThem() {
        assertEquals(0.01, Numbers.exact(0.01f), 0.0);
        assertEquals("0.01", Double.toString(Numbers.exact(0.01f)));
        assertEquals("0.6931", Numbers.format(0.693147));
        assertEquals("1.000e-05", Numbers.format(1e-5));
        assertEquals("0.0000", Numbers.format(0));
        assertEquals("nan", Numbers.format(Double.NaN));
        assertEquals("1,234,567", Numbers.grouped(1234567));
        Tensor[] d = new WorkflowTest().data();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<String> events = new ArrayList<>();
        try (Model m = WorkflowTest.charModel().build(backend, 1)) {
            m.compile(Optimizers.adam(0.01f), Losses.sparseCategoricalCrossentropy(true), Metrics.accuracy());
            LambdaCallback hooks = new LambdaCallback()
                    .onTrainBegin(() -> events.add("train"))
                    .onEpochBegin(e -> events.add("epoch " + e))
                    .onBatchBegin((e, b) -> events.add("batch " + e + "." + b))
                    .onBatchEnd(b -> events.add("end " + b.epoch() + "." + b.batch()))
                    .onEpochEnd((e, logs) -> events.add("logs " + e + " " + logs.keySet()))
                    .onTrainEnd(h -> events.add("done " + h.stopReason()));
            History h = m.fit(d[0], d[1], FitOptions.defaults().epochs(2).batchSize(24).validationSplit(0.5).verbose(false), hooks,
                    new EpochReport(new PrintStream(bytes, true, StandardCharsets.UTF_8), 2));
            assertEquals(List.of("train", "epoch 0", "batch 0.0", "end 0.0", "logs 0 [loss, accuracy, val_loss, val_accuracy, lr]",
                    "epoch 1", "batch 1.0", "end 1.0", "logs 1 [loss, accuracy, val_loss, val_accuracy, lr]", "done EPOCHS_DONE"), events);
            assertEquals(0.01, h.last().get("lr"), 0.0, "the learning rate is logged as 0.01, not 0.009999999776482582");
            String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
            assertEquals(2, lines.length);
            assertTrue(lines[0].matches("Epoch 1/2 - 1 step - \\d+ ms - loss: \\d\\.\\d{4} - accuracy: \\d\\.\\d{4} - val_loss: \\d\\.\\d{4} - val_accuracy: \\d\\.\\d{4}"
                    + " - lr: 0\\.0100"), lines[0]);
            m.stopTraining();
            LambdaCallback stopAfterOne = new LambdaCallback().onEpochEndOrStop((e, logs) -> false);
            assertEquals(1, m.fit(d[0], d[1], FitOptions.defaults().epochs(3).verbose(false), stopAfterOne).epochs().size());
        }
    }
}

package dev.rnn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.backend.Backends;
import dev.rnn4j.data.PadSequences;
import dev.rnn4j.data.LabeledTexts;
import dev.rnn4j.data.NegationSentiment;
import dev.rnn4j.data.Tokenizer;
import dev.rnn4j.data.TokenizerConfig;
import dev.rnn4j.model.Input;
import dev.rnn4j.model.Model;
import dev.rnn4j.model.Node;
import dev.rnn4j.model.io.Checkpoint;
import dev.rnn4j.model.layers.Layers;
import dev.rnn4j.model.train.Dataset;
import dev.rnn4j.model.train.FitOptions;
import dev.rnn4j.model.train.Losses;
import dev.rnn4j.model.train.Metrics;
import dev.rnn4j.model.train.Optimizers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rnn4j attention} on an attention classifier of the negation task, and its errors. */
class AttentionCommandTest {

    static final int MAXLEN = 12;

    /** Embedding(mask_zero) → LSTM(return_sequences, return_state) → Luong attention(last h, outputs) → Dense, trained briefly. */
    static Path attentionClassifier(Path dir, boolean withAttention) throws Exception {
        LabeledTexts train = NegationSentiment.generate(600, 1);
        Tokenizer tokenizer = new Tokenizer(TokenizerConfig.words()).fitOnTexts(train.texts());
        Node in = Input.tokens(-1);
        List<Node> rnn = Layers.lstm(16).returnSequences(true).returnState(true).apply(List.of(Layers.embedding(tokenizer.vocabularySize(), 16).maskZero(true).apply(in)));
        Node features = withAttention
                ? Layers.concatenate().apply(List.of(Layers.dotAttention().apply(List.of(rnn.get(1), rnn.get(0))).get(0), rnn.get(1))).getFirst()
                : rnn.get(1);
        Path file = dir.resolve(withAttention ? "attention.safetensors" : "plain.safetensors");
        try (Backend backend = Backends.cpu(); Model model = Model.functional(in, Layers.dense(2).apply(features)).build(backend, 3)) {
            model.compile(Optimizers.adam(1e-2f), Losses.sparseCategoricalCrossentropy(true), Metrics.accuracy());
            int[][] x = ClassifierData.encode(tokenizer, train.texts(), MAXLEN, PadSequences.Side.PRE);
            model.fit(Dataset.of(x, train.labels()), FitOptions.defaults().epochs(withAttention ? 6 : 1).batchSize(32).verbose(false));
            Checkpoint.save(file, model, CheckpointExtras.classifier(tokenizer, train.labelNames(), MAXLEN, PadSequences.Side.PRE));
        }
        return file;
    }

    @Test
    void writesTheHeatmapOfAnAttentionClassifier(@TempDir Path dir) throws Exception {
        Path model = attentionClassifier(dir, true);
        Path png = Path.of(System.getProperty("rnn4j.heatmap.dir", dir.toString())).resolve("negation-attention.png");
        MainTest.Result r = MainTest.run("attention", "--model", model.toString(), "--output", png.toString(), "--backend", "cpu", "the movie was not good at all");
        assertEquals(0, r.code(), r.err());
        System.out.print(r.out());
        assertTrue(r.out().startsWith("neg\t"), "a negated positive word is negative: " + r.out());
        assertTrue(r.out().contains("attention: ") && r.out().contains("not "), r.out());
        assertTrue(r.out().contains("heatmap written to " + png), r.out());
        assertNotNull(ImageIO.read(png.toFile()));
    }

    @Test
    void refusesModelsWithoutAttentionAndBadArguments(@TempDir Path dir) throws Exception {
        Path plain = attentionClassifier(dir, false);
        MainTest.Result r = MainTest.run("attention", "--model", plain.toString(), "--output", dir.resolve("a.png").toString(), "--backend", "cpu", "not good");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("the model has no Attention layer"), r.err());
        assertEquals(2, MainTest.run("attention", "--model", plain.toString()).code(), "a text is required");
        assertEquals(2, MainTest.run("attention", "--model", plain.toString(), "one", "two").code(), "one text only");
        MainTest.Result missing = MainTest.run("attention", "--model", dir.resolve("none.safetensors").toString(), "text");
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("checkpoint not found"), missing.err());
        assertTrue(!Files.exists(dir.resolve("a.png")));
    }
}

package dev.rnn4j.keras;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.backend.Backends;
import dev.rnn4j.data.PadSequences;
import dev.rnn4j.model.Model;
import dev.rnn4j.model.generate.Sampler;
import dev.rnn4j.model.generate.TextGenerator;
import dev.rnn4j.model.train.FitOptions;
import dev.rnn4j.model.train.Losses;
import dev.rnn4j.model.train.Optimizers;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The seeds' classic Keras models end to end, from Keras' files and Keras' tokenizers to raw-text answers equal to
 * Keras': IMDB-style Embedding(mask_zero) → LSTM → Dense(sigmoid); Embedding → Bidirectional(GRU) →
 * GlobalAveragePooling1D → Dense(softmax) behind a TextVectorization vocabulary; a character-level LSTM generating
 * text greedily (rnn4j carries the state token by token, Keras re-ran the whole sequence: the same text). And
 * fine-tuning an imported model lowers its loss.
 */
class ClassicModelsTest {

    private final Backend backend = Backends.cpu();

    private static float[] kerasOutput(String fixture, String caseName) {
        return Fixtures.cases(fixture).stream().filter(c -> c.name().equals(caseName)).findFirst().orElseThrow().outputs().getFirst().floats();
    }

    private float[] predict(Model model, int[][] ids) {
        try (TensorScope scope = TensorScope.open()) {
            int cols = ids[0].length;
            int[] flat = new int[ids.length * cols];
            for (int r = 0; r < ids.length; r++) System.arraycopy(ids[r], 0, flat, r * cols, cols);
            return model.predict(scope, scope.fromIntArray(flat, ids.length, cols), 2).toFloatArray();
        }
    }

    @Test
    void imdbSentimentFromRawTextEqualsKeras() throws Exception {
        var tokenizer = KerasTokenizers.load(Fixtures.file("imdb_lstm.tokenizer.json"));
        try (Model model = KerasFiles.load(Fixtures.file("imdb_lstm.keras"), backend).model()) {
            List<String> texts = List.of(Fixtures.attribute("imdb_lstm", "texts").split("\n"));
            int[][] ids = PadSequences.keras().withMaxlen(10).withPadding(tokenizer.padding()).apply(tokenizer.tokenizer().textsToSequences(texts));
            float[] p = predict(model, ids);
            assertTrue(Fixtures.relativeError(p, kerasOutput("imdb_lstm", "texts")) <= 1e-5, "sigmoid probabilities equal Keras'");
        }
    }

    @Test
    void bidirectionalGruClassifierFromRawTextEqualsKeras() throws Exception {
        var tokenizer = KerasTokenizers.load(Fixtures.file("bigru_pool.vocabulary.txt"));
        try (Model model = KerasFiles.load(Fixtures.file("bigru_pool.h5"), backend).model()) {
            List<String> texts = List.of(Fixtures.attribute("bigru_pool", "texts").split("\n"));
            int[][] ids = new PadSequences(10, tokenizer.padding(), PadSequences.Side.POST, 0).apply(tokenizer.tokenizer().textsToSequences(texts));
            float[] p = predict(model, ids);
            assertTrue(Fixtures.relativeError(p, kerasOutput("bigru_pool", "texts")) <= 1e-5, "softmax probabilities equal Keras'");
        }
    }

    @Test
    void charLanguageModelGeneratesKerasGreedyText() throws Exception {
        var tokenizer = KerasTokenizers.load(Fixtures.file("char_lm.tokenizer.json")).tokenizer();
        int[] prompt = Fixtures.array("char_lm", "generation/prompt").ints();
        int[] kerasGreedy = Fixtures.array("char_lm", "generation/greedy").ints();
        for (String ext : new String[] {".keras", ".h5"}) {
            try (Model model = KerasFiles.load(Fixtures.file("char_lm" + ext), backend).model(); TextGenerator gen = new TextGenerator(model, Sampler.greedy(), 42)) {
                int[] ours = gen.generate(prompt, kerasGreedy.length);
                assertArrayEquals(kerasGreedy, ours, ext);
                assertEquals(Fixtures.attribute("char_lm", "generation_text"), tokenizer.decode(prompt) + tokenizer.decode(ours));
            }
        }
    }

    @Test
    void fineTuningAnImportedModelLowersTheLoss() throws Exception {
        Fixtures.Array x = Fixtures.array("imdb_lstm", "train/x");
        Fixtures.Array y = Fixtures.array("imdb_lstm", "train/y");
        try (Model model = KerasFiles.load(Fixtures.file("imdb_lstm.keras"), backend).model(); TensorScope scope = TensorScope.open()) {
            Tensor xs = x.tensor(scope);
            Tensor ys = scope.fromArray(y.floats(), y.shape()[0], 1);
            model.compile(Optimizers.adam(1e-2f), Losses.binaryCrossentropy(false));
            double before = model.evaluate(xs, ys, 16).get("loss");
            model.fit(xs, ys, FitOptions.defaults().epochs(5).batchSize(16).seed(1));
            double after = model.evaluate(xs, ys, 16).get("loss");
            System.out.printf("fine-tuning imdb_lstm: loss %.4f -> %.4f%n", before, after);
            assertTrue(after < before * 0.9, "loss " + before + " -> " + after);
        }
    }
}

package dev.rnn4j.keras;

import dev.rnn4j.data.PadSequences;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keras' own encodings of the fixtures' probe texts (recorded by make_fixtures.py) against rnn4j's tokenizers. */
class KerasTokenizersTest {

    @TempDir
    Path dir;

    private static int[][] expected(String fixture) {
        Fixtures.Array ids = Fixtures.cases(fixture).stream().filter(c -> c.name().equals("texts")).findFirst().orElseThrow().inputs().getFirst();
        int rows = (int) ids.shape()[0], cols = (int) ids.shape()[1];
        int[][] out = new int[rows][];
        for (int r = 0; r < rows; r++) out[r] = Arrays.copyOfRange(ids.ints(), r * cols, (r + 1) * cols);
        return out;
    }

    @Test
    void kerasTokenizerJsonEncodesLikeKerasAndPadSequences() throws Exception {
        KerasTokenizers.Loaded t = KerasTokenizers.load(Fixtures.file("imdb_lstm.tokenizer.json"));
        assertEquals(PadSequences.Side.PRE, t.padding());
        List<String> texts = List.of(Fixtures.attribute("imdb_lstm", "texts").split("\n"));
        int[][] ours = PadSequences.keras().withMaxlen(10).apply(t.tokenizer().textsToSequences(texts));
        assertArrayEquals(expected("imdb_lstm"), ours);
    }

    @Test
    void textVectorizationVocabularyEncodesLikeTextVectorization() throws Exception {
        KerasTokenizers.Loaded t = KerasTokenizers.load(Fixtures.file("bigru_pool.vocabulary.txt"));
        assertEquals(PadSequences.Side.POST, t.padding());
        List<String> texts = List.of(Fixtures.attribute("bigru_pool", "texts").split("\n"));
        int[][] ours = new PadSequences(10, PadSequences.Side.POST, PadSequences.Side.POST, 0).apply(t.tokenizer().textsToSequences(texts));
        assertArrayEquals(expected("bigru_pool"), ours, "punctuation inside words is deleted (wasn't -> wasnt), unknown words are [UNK] = 1");
    }

    @Test
    void charTokenizerDecodesTheGreedyText() throws Exception {
        KerasTokenizers.Loaded t = KerasTokenizers.load(Fixtures.file("char_lm.tokenizer.json"));
        int[] greedy = Fixtures.array("char_lm", "generation/greedy").ints();
        int[] prompt = Fixtures.array("char_lm", "generation/prompt").ints();
        assertEquals(Fixtures.attribute("char_lm", "generation_text"), t.tokenizer().decode(prompt) + t.tokenizer().decode(greedy));
    }

    @Test
    void badFilesAreClearErrors() throws Exception {
        Path dup = Files.writeString(dir.resolve("v.txt"), "\n[UNK]\ngood\nbad\ngood\n");
        var e = assertThrows(IllegalArgumentException.class, () -> KerasTokenizers.load(dup));
        assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("repeated token 'good'"), e.getMessage());
        Path edited = Files.writeString(dir.resolve("t.json"), Files.readString(Fixtures.file("imdb_lstm.tokenizer.json")).replace("\\\"movie\\\": 24", "\\\"movie\\\": 99"));
        var e2 = assertThrows(IllegalArgumentException.class, () -> KerasTokenizers.load(edited));
        assertTrue(e2.getMessage().contains("word_index does not match"), e2.getMessage());
        Path broken = Files.writeString(dir.resolve("b.json"), "{\"class_name\": \"Tokenizer\", \"config\": {\"word_counts\": \"{oops\"}}");
        assertThrows(IllegalArgumentException.class, () -> KerasTokenizers.load(broken));
    }
}

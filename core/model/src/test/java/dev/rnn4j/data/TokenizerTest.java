package dev.rnn4j.data;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Expected values are what Keras' Tokenizer gives for the same calls (worked out from its source). */
class TokenizerTest {

    private static final List<String> TEXTS = List.of("The cat sat on the mat.", "The dog ate my homework!");

    @Test
    void wordIndexIsByFrequencyWithTiesInFirstSeenOrderAndZeroReserved() {
        Tokenizer t = new Tokenizer(TokenizerConfig.words()).fitOnTexts(TEXTS);
        assertEquals(List.of("the", "cat", "sat", "on", "mat", "dog", "ate", "my", "homework"), List.copyOf(t.wordIndex().keySet()));
        assertEquals(1, t.wordIndex().get("the"));
        assertEquals(9, t.wordIndex().get("homework"));
        assertEquals(3L, t.wordCounts().get("the"));
        assertEquals(2, t.documentCount());
        assertEquals(10, t.vocabularySize());
        assertArrayEquals(new int[] {1, 2, 7}, t.encode("the cat ate a fish"), "unknown words are dropped without an oov token");
        assertEquals(List.of("the cat ate"), t.sequencesToTexts(List.of(new int[] {1, 2, 7})));
    }

    @Test
    void oovTokenTakesIndexOneAndReplacesUnknownAndRareWords() {
        Tokenizer t = new Tokenizer(TokenizerConfig.words().withOovToken("<OOV>")).fitOnTexts(TEXTS);
        assertEquals(1, t.oovIndex());
        assertEquals(2, t.wordIndex().get("the"));
        assertArrayEquals(new int[] {2, 3, 8, 1, 1}, t.encode("the cat ate a fish"));
        Tokenizer capped = new Tokenizer(TokenizerConfig.words().withOovToken("<OOV>").withNumWords(3)).fitOnTexts(TEXTS);
        assertArrayEquals(new int[] {2, 1, 1}, capped.encode("the cat zebra"));
        assertEquals(3, capped.vocabularySize());
        assertTrue(capped.indexOf("cat").isEmpty(), "ids >= num_words are not used");
        // Keras maps padding to the oov token in sequences_to_texts; decode skips padding
        assertEquals(List.of("<OOV> the <OOV>"), capped.sequencesToTexts(List.of(new int[] {0, 2, 3})));
        assertEquals("the <OOV>", capped.decode(new int[] {0, 2, 3}));
    }

    @Test
    void numWordsWithoutOovDropsRareWords() {
        Tokenizer t = new Tokenizer(TokenizerConfig.words().withNumWords(3)).fitOnTexts(TEXTS);
        assertArrayEquals(new int[] {1, 2}, t.encode("the cat sat"));
        assertEquals(List.of("the cat"), t.sequencesToTexts(List.of(new int[] {1, 2, 3})));
    }

    @Test
    void filtersLowerAndSplitFollowKeras() {
        Tokenizer t = new Tokenizer(TokenizerConfig.words());
        assertEquals(List.of("don't", "stop", "now", "ok"), t.tokens("Don't STOP-now\tok!!"));
        Tokenizer comma = new Tokenizer(TokenizerConfig.words().withSplit(",").withFilters("").withLower(false));
        assertEquals(List.of("A b", "c"), comma.tokens("A b,,c,"));
        Tokenizer multi = new Tokenizer(TokenizerConfig.words().withSplit("::"));
        assertEquals(List.of("a", "b", "c"), multi.tokens("a::b.c"), "filter characters become the split string");
    }

    @Test
    void charLevelIgnoresFiltersAndSequencesToTextsJoinsWithSpaces() {
        Tokenizer t = new Tokenizer(TokenizerConfig.words().withCharLevel(true)).fitOnTexts(List.of("abcA!"));
        assertEquals(Map.of("a", 1, "b", 2, "c", 3, "!", 4), t.wordIndex());
        assertArrayEquals(new int[] {1, 2, 4}, t.encode("AB!"));
        assertEquals(List.of("a b"), t.sequencesToTexts(List.of(new int[] {1, 2})));
        assertEquals("ab!", t.decode(new int[] {1, 2, 4}));
        Tokenizer cased = new Tokenizer(TokenizerConfig.chars()).fitOnTexts(List.of("a😀a"));
        assertEquals("😀", cased.word(2), "characters are code points, not UTF-16 units");
    }

    @Test
    void jsonRoundTripKeepsIndexAndSettings(@TempDir Path dir) throws Exception {
        Tokenizer t = new Tokenizer(TokenizerConfig.words().withOovToken("<unk>").withNumWords(5)).fitOnTexts(TEXTS);
        Path f = dir.resolve("tok.json");
        t.save(f);
        Tokenizer back = Tokenizer.load(f);
        assertEquals(t.config(), back.config());
        assertEquals(t.wordIndex(), back.wordIndex());
        assertEquals(List.copyOf(t.wordCounts().entrySet()), List.copyOf(back.wordCounts().entrySet()));
        assertArrayEquals(t.encode("the dog sat on a mat"), back.encode("the dog sat on a mat"));
        assertTrue(Files.readString(f).contains("\"num_words\""));
    }

    @Test
    void badInputIsRejectedClearly() {
        assertThrows(IllegalStateException.class, () -> new Tokenizer(TokenizerConfig.words()).encode("x"));
        assertThrows(IllegalArgumentException.class, () -> TokenizerConfig.words().withNumWords(-1));
        assertThrows(IllegalArgumentException.class, () -> TokenizerConfig.words().withSplit(""));
        var e = assertThrows(IllegalArgumentException.class, () -> Tokenizer.fromJson("{\"class_name\":\"Tokenizer\",\"config\":{}}"));
        assertTrue(e.getMessage().contains("missing the field"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tokenizer.fromJson("{not json"));
        assertThrows(IllegalArgumentException.class, () -> Tokenizer.fromJson("[1,2]"));
        String edited = new Tokenizer(TokenizerConfig.words()).fitOnTexts(TEXTS).toJson().replace("\"the\" : 1", "\"the\" : 7");
        var e2 = assertThrows(IllegalArgumentException.class, () -> Tokenizer.fromJson(edited));
        assertTrue(e2.getMessage().contains("inconsistent"), e2.getMessage());
        Tokenizer t = new Tokenizer(TokenizerConfig.words()).fitOnTexts(TEXTS);
        assertThrows(IndexOutOfBoundsException.class, () -> t.word(0));
        assertThrows(IndexOutOfBoundsException.class, () -> t.word(10));
        assertThrows(IllegalArgumentException.class, () -> t.fitOnTexts(java.util.Arrays.asList("a", null)));
    }
}

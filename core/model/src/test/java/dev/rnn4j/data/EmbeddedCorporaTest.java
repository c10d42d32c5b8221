package dev.rnn4j.data;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmbeddedCorporaTest {

    @Test
    void additionCorpusIsSeededAndEveryLineIsCorrect() {
        String text = AdditionCorpus.generate(500, 7);
        assertEquals(text, AdditionCorpus.generate(500, 7));
        assertNotEquals(text, AdditionCorpus.generate(500, 8));
        assertEquals(new AdditionScore(500, 500, 500), AdditionCorpus.score(text));
        for (String line : text.split("\n")) { // independent check of the arithmetic
            String[] parts = line.split("[+=]");
            assertEquals(Integer.parseInt(parts[0]) + Integer.parseInt(parts[1]), Integer.parseInt(parts[2]), line);
        }
        assertEquals("37+45=82", AdditionCorpus.line(37, 45));
    }

    @Test
    void heldOutProblemsNeverAppearInTheTrainingText() {
        var heldOut = AdditionCorpus.problems(300, 5);
        assertEquals(300, heldOut.size());
        String text = AdditionCorpus.generate(5000, 9, heldOut);
        assertEquals(5000, AdditionCorpus.score(text).correct());
        var lines = new java.util.HashSet<>(List.of(text.split("\n")));
        for (var p : heldOut) assertFalse(lines.contains(p.prompt() + p.sum()), p.toString());
        assertThrows(IllegalArgumentException.class, () -> AdditionCorpus.problems(10_001, 1));
        assertThrows(IllegalArgumentException.class, () -> new AdditionCorpus.Addition(-1, 3));
    }

    @Test
    void checkerSeparatesMalformedWrongAndIncompleteLines() {
        String sample = "37+45=82\n37+45=83\n3+=4\n07+1=8\n\n99+99=198\n100+1=101\n12+1";
        AdditionScore s = AdditionCorpus.score(sample);
        assertEquals(7, s.lines(), "the unterminated last line is not counted");
        assertEquals(3, s.wellFormed());
        assertEquals(2, s.correct());
        assertEquals(2.0 / 7, s.accuracy(), 1e-12);
        assertEquals(new AdditionScore(0, 0, 0), AdditionCorpus.score("12+3"));
        assertThrows(IllegalArgumentException.class, () -> AdditionCorpus.line(100, 1));
        assertThrows(IllegalArgumentException.class, () -> AdditionCorpus.generate(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new AdditionScore(1, 2, 0));
    }

    @Test
    void negationTaskGivesBagsOfWordsNoLabelInformation() {
        LabeledTexts d = NegationSentiment.generate(400, 3);
        assertEquals(800, d.size());
        assertArrayEquals(new int[] {400, 400}, d.counts());
        Map<String, int[]> labelsPerBag = new HashMap<>();
        for (int i = 0; i < d.size(); i++) {
            String[] words = d.texts().get(i).split(" ");
            Arrays.sort(words);
            labelsPerBag.computeIfAbsent(String.join(" ", words), k -> new int[2])[d.labels()[i]]++;
        }
        for (var e : labelsPerBag.entrySet()) {
            assertEquals(e.getValue()[0], e.getValue()[1], "bag '" + e.getKey() + "' must appear equally often with each label");
        }
        assertEquals(d.texts(), NegationSentiment.generate(400, 3).texts());
    }

    @Test
    void negationLabelIsPositiveExactlyWhenTheNegativeAdjectiveIsNegated() {
        LabeledTexts d = NegationSentiment.generate(200, 11);
        for (int i = 0; i < d.size(); i++) {
            List<String> w = new ArrayList<>(List.of(d.texts().get(i).split(" ")));
            int negator = w.contains("not") ? w.indexOf("not") : w.indexOf("never");
            String negated = w.get(negator + 1);
            int expected = NegationSentiment.NEGATIVE.contains(negated) ? 1 : 0;
            assertTrue(NegationSentiment.NEGATIVE.contains(negated) || NegationSentiment.POSITIVE.contains(negated), d.texts().get(i));
            assertEquals(expected, d.labels()[i], d.texts().get(i));
        }
    }
}

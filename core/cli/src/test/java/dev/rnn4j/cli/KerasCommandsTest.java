package dev.rnn4j.cli;

import static org.junit.jupiter.api.Assertions.*;

import io.jhdf.HdfFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI on Keras files from Keras itself (rnn4j-keras' fixtures): sample and classify on raw text give Keras'
 * answers, convert goes between .keras, .h5 and .safetensors, train --model fine-tunes, errors are one line.
 */
class KerasCommandsTest {

    private static final Path FIXTURES = Path.of("..", "keras", "src", "test", "resources", "keras-fixtures");

    @TempDir
    Path dir;

    private static String f(String name) {
        return FIXTURES.resolve(name).toString();
    }

    private static String stringAttribute(String fixture, String name) {
        try (HdfFile h = new HdfFile(FIXTURES.resolve(fixture + ".expected.h5"))) {
            return String.valueOf(h.getAttribute(name).getData());
        }
    }

    private static float[] kerasTexts(String fixture) {
        try (HdfFile h = new HdfFile(FIXTURES.resolve(fixture + ".expected.h5"))) {
            return (float[]) h.getDatasetByPath("cases/texts/outputs/0").getDataFlat();
        }
    }

    @Test
    void sampleGreedilyFromAKerasCharModelGivesKerasText() {
        String text = stringAttribute("char_lm", "generation_text");
        var r = MainTest.run("sample", "--model", f("char_lm.keras"), "--tokenizer", f("char_lm.tokenizer.json"), "--prompt", "the ",
                "--temperature", "0", "--length", "40", "--backend", "cpu");
        assertEquals(0, r.code(), r.err());
        assertEquals(text, r.out().strip(), "greedy text of Keras' own run (make_fixtures.py)");
        var sampled = MainTest.run("sample", "--model", f("char_lm.h5"), "--tokenizer", f("char_lm.tokenizer.json"), "--prompt", "the ", "--length", "30",
                "--seed", "5", "--backend", "cpu");
        assertEquals(0, sampled.code(), sampled.err());
        assertTrue(sampled.out().strip().startsWith("the "), sampled.out());
    }

    @Test
    void classifyRawTextWithKerasClassifiersGivesKerasProbabilities() {
        String[] texts = stringAttribute("imdb_lstm", "texts").split("\n");
        float[] keras = kerasTexts("imdb_lstm");
        String[] args = new String[texts.length + 7];
        System.arraycopy(new String[] {"classify", "--model", f("imdb_lstm.keras"), "--tokenizer", f("imdb_lstm.tokenizer.json"), "--labels", "neg,pos"}, 0, args, 0, 7);
        System.arraycopy(texts, 0, args, 7, texts.length);
        var r = MainTest.run(args);
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().strip().split("\n");
        assertEquals(texts.length, lines.length, r.out());
        for (int i = 0; i < texts.length; i++) {
            String label = keras[i] >= 0.5f ? "pos" : "neg";
            float p = keras[i] >= 0.5f ? keras[i] : 1 - keras[i];
            assertEquals(String.format("%s\t%.3f\t%s", label, p, texts[i]), lines[i]);
        }
        String[] bigru = stringAttribute("bigru_pool", "texts").split("\n");
        var b = MainTest.run("classify", "--model", f("bigru_pool.h5"), "--tokenizer", f("bigru_pool.vocabulary.txt"), "--labels", "a,b,c", bigru[0], bigru[3]);
        assertEquals(0, b.code(), b.err());
        float[] kb = kerasTexts("bigru_pool");
        String[] out = b.out().strip().split("\n");
        int[] rows = {0, 3};
        for (int k = 0; k < 2; k++) {
            int row = rows[k], best = 0;
            for (int c = 1; c < 3; c++) if (kb[row * 3 + c] > kb[row * 3 + best]) best = c;
            assertTrue(out[k].startsWith("abc".charAt(best) + String.format("\t%.3f\t", kb[row * 3 + best])), out[k]);
        }
    }

    @Test
    void convertBetweenKerasAndRnn4jFiles() throws Exception {
        Path st = dir.resolve("lm.safetensors");
        var toRnn4j = MainTest.run("convert", f("char_lm.keras"), st.toString(), "--tokenizer", f("char_lm.tokenizer.json"));
        assertEquals(0, toRnn4j.code(), toRnn4j.err());
        var s = MainTest.run("sample", "--model", st.toString(), "--prompt", "the ", "--temperature", "0", "--length", "40", "--backend", "cpu");
        assertEquals(0, s.code(), s.err());
        assertEquals(stringAttribute("char_lm", "generation_text"), s.out().strip(), "the converted checkpoint keeps Keras' outputs, tokenizer and output kind");
        Path h5 = dir.resolve("lm.h5");
        var back = MainTest.run("convert", st.toString(), h5.toString());
        assertEquals(0, back.code(), back.err());
        assertTrue(back.err().contains("holds no tokenizer"), back.err());
        var again = MainTest.run("sample", "--model", h5.toString(), "--tokenizer", f("char_lm.tokenizer.json"), "--prompt", "the ", "--temperature", "0",
                "--length", "40", "--backend", "cpu");
        assertEquals(s.out(), again.out());
        var stateful = MainTest.run("convert", f("stateful_lstm.keras"), dir.resolve("s.keras").toString());
        assertEquals(1, stateful.code());
        assertTrue(stateful.err().contains("stateful") && stateful.err().contains("batch size"), stateful.err());
        assertEquals(0, MainTest.run("convert", f("stateful_lstm.keras"), dir.resolve("s.keras").toString(), "--batch-size", "2").code());
    }

    @Test
    void trainFineTunesAKerasClassifierAndSavesItForKeras() throws Exception {
        StringBuilder csv = new StringBuilder("label,text\n");
        for (int i = 0; i < 16; i++) csv.append("pos,a great fun movie\nneg,boring awful plot\n");
        Path data = Files.writeString(dir.resolve("d.csv"), csv);
        Path out = dir.resolve("tuned.keras");
        var r = MainTest.run("train", "--model", f("imdb_lstm.keras"), "--tokenizer", f("imdb_lstm.tokenizer.json"), "--labels", "neg,pos", "--csv", data.toString(),
                "--epochs", "4", "--batch-size", "8", "--learning-rate", "0.01", "--quiet", "--backend", "cpu", "--save", out.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        var m = java.util.regex.Pattern.compile("loss ([0-9.]+) -> ([0-9.]+)").matcher(r.out());
        assertTrue(m.find(), r.out());
        assertTrue(Double.parseDouble(m.group(2)) < Double.parseDouble(m.group(1)), r.out());
        var c = MainTest.run("classify", "--model", out.toString(), "--tokenizer", f("imdb_lstm.tokenizer.json"), "--labels", "neg,pos", "a great fun movie", "boring awful plot");
        assertEquals(0, c.code(), c.err());
        assertTrue(c.out().startsWith("pos\t") && c.out().contains("\nneg\t"), c.out());
    }

    @Test
    void errorsAreOneLine() throws Exception {
        var noTokenizer = MainTest.run("sample", "--model", f("char_lm.keras"), "--backend", "cpu");
        assertEquals(1, noTokenizer.code());
        assertTrue(noTokenizer.err().contains("--tokenizer FILE"), noTokenizer.err());
        var gru = MainTest.run("convert", f("gru_reset_before.h5"), dir.resolve("x.safetensors").toString());
        assertEquals(1, gru.code());
        assertTrue(gru.err().contains("reset_after") && gru.err().lines().count() == 1, gru.err());
        Path broken = dir.resolve("broken.keras");
        byte[] all = Files.readAllBytes(FIXTURES.resolve("imdb_lstm.keras"));
        Files.write(broken, java.util.Arrays.copyOf(all, all.length / 2));
        var b = MainTest.run("classify", "--model", broken.toString(), "--tokenizer", f("imdb_lstm.tokenizer.json"), "x");
        assertEquals(1, b.code());
        assertTrue(b.err().startsWith("rnn4j classify: error: ") && b.err().contains("broken.keras") && !b.err().contains("\tat "), b.err());
    }
}

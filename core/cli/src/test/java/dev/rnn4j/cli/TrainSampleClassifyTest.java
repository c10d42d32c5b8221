package dev.rnn4j.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tiny end-to-end runs of train / sample / classify through the command line (small shapes, a few steps). */
class TrainSampleClassifyTest {

    @TempDir
    Path dir;

    private static final String[] TINY = {"--epochs", "2", "--batch-size", "4", "--units", "8", "--embedding-dim", "4", "--quiet", "--backend", "cpu"};

    private static String[] args(String[] head, String... tail) {
        String[] all = new String[head.length + TINY.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(TINY, 0, all, head.length, TINY.length);
        System.arraycopy(tail, 0, all, head.length + TINY.length, tail.length);
        return all;
    }

    @Test
    void trainALanguageModelThenSampleFromIt() throws Exception {
        Path text = Files.writeString(dir.resolve("t.txt"), "abc abd abe\n".repeat(20));
        Path ckpt = dir.resolve("lm.safetensors");
        Path png = dir.resolve("loss.png");
        var t = MainTest.run(args(new String[] {"train", "--text", text.toString(), "--seq-length", "8", "--save", ckpt.toString(), "--loss-chart", png.toString()}));
        assertEquals(0, t.code(), t.err() + t.out());
        assertTrue(t.out().contains("vocabulary 7"), t.out());
        assertTrue(Files.isRegularFile(ckpt) && Files.isRegularFile(png));

        var s = MainTest.run("sample", "--model", ckpt.toString(), "--prompt", "ab", "--length", "30", "--seed", "3", "--backend", "cpu");
        assertEquals(0, s.code(), s.err());
        String sampled = s.out().strip();
        assertTrue(sampled.startsWith("ab"), sampled);
        assertTrue(sampled.chars().allMatch(c -> "abcde \n".indexOf(c) >= 0), "only characters of the training text: " + sampled);
        var again = MainTest.run("sample", "--model", ckpt.toString(), "--prompt", "ab", "--length", "30", "--seed", "3", "--backend", "cpu");
        assertEquals(s.out(), again.out(), "seeded sampling is reproducible");

        var unknown = MainTest.run("sample", "--model", ckpt.toString(), "--prompt", "xyz", "--backend", "cpu");
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().contains("tokens the model never saw: 'x', 'y', 'z'"), unknown.err());
        var wrongTask = MainTest.run("classify", "--model", ckpt.toString(), "hello", "--backend", "cpu");
        assertEquals(1, wrongTask.code());
        assertTrue(wrongTask.err().contains("use 'rnn4j sample'"), wrongTask.err());
    }

    @Test
    void trainAClassifierOnACsvThenClassify() throws Exception {
        StringBuilder csv = new StringBuilder("label,message\n");
        for (int i = 0; i < 12; i++) csv.append("spam,\"WIN cash, now\"\nham,see you at lunch\n");
        Path file = Files.writeString(dir.resolve("sms.csv"), csv);
        Path ckpt = dir.resolve("clf.safetensors");
        var t = MainTest.run(args(new String[] {"train", "--csv", file.toString(), "--text-column", "message", "--label-column", "label",
                "--maxlen", "6", "--validation-split", "0.25", "--save", ckpt.toString()}));
        assertEquals(0, t.code(), t.err() + t.out());
        assertTrue(t.out().contains("labels [ham, spam]") && t.out().contains("validation accuracy"), t.out());

        var c = MainTest.run("classify", "--model", ckpt.toString(), "--backend", "cpu", "win cash", "lunch");
        assertEquals(0, c.code(), c.err());
        String[] lines = c.out().strip().split("\n");
        assertEquals(2, lines.length, c.out());
        assertTrue(lines[0].matches("(ham|spam)\t[01]\\.\\d{3}\twin cash"), lines[0]);

        var e = MainTest.run("classify", "--model", ckpt.toString(), "--backend", "cpu", "--csv", file.toString(), "--text-column", "message");
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("accuracy: ") && e.out().contains("on 24 examples") && e.out().contains("true\\pred"), e.out());

        Path other = Files.writeString(dir.resolve("other.csv"), "label,message\neggs,hello\n");
        var unknown = MainTest.run("classify", "--model", ckpt.toString(), "--backend", "cpu", "--csv", other.toString(), "--text-column", "message");
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().contains("unknown label 'eggs'"), unknown.err());
    }

    @Test
    void trainAndEvaluateOnTheAclImdbLayout() throws Exception {
        for (String split : new String[] {"train", "test"}) {
            for (int i = 0; i < 4; i++) {
                Files.createDirectories(dir.resolve("aclImdb/" + split + "/pos"));
                Files.createDirectories(dir.resolve("aclImdb/" + split + "/neg"));
                Files.writeString(dir.resolve("aclImdb/" + split + "/pos/" + i + "_9.txt"), "a great film<br />loved it " + i);
                Files.writeString(dir.resolve("aclImdb/" + split + "/neg/" + i + "_2.txt"), "a dull film, hated it " + i);
            }
        }
        Path ckpt = dir.resolve("imdb.safetensors");
        var t = MainTest.run(args(new String[] {"train", "--imdb", dir.resolve("aclImdb").toString(), "--maxlen", "8", "--validation-split", "0", "--save", ckpt.toString()}));
        assertEquals(0, t.code(), t.err() + t.out());
        assertTrue(t.out().contains("8 examples") && t.out().contains("labels [neg, pos]"), t.out());
        var e = MainTest.run("classify", "--model", ckpt.toString(), "--backend", "cpu", "--imdb", dir.resolve("aclImdb").toString(), "--split", "test");
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("on 8 examples"), e.out());
    }

    @Test
    void argumentAndFileErrorsAreClear() throws Exception {
        var noSave = MainTest.run("train", "--text", "x.txt");
        assertEquals(2, noSave.code());
        assertTrue(noSave.err().contains("--save"), noSave.err());
        var both = MainTest.run(args(new String[] {"train", "--text", "a.txt", "--csv", "b.csv", "--save", "m"}));
        assertEquals(1, both.code());
        assertTrue(both.err().contains("give either --text FILE"), both.err());
        var missing = MainTest.run(args(new String[] {"train", "--text", dir.resolve("nope.txt").toString(), "--save", "m"}));
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("file not found"), missing.err());
        var noModel = MainTest.run("sample", "--model", dir.resolve("none.safetensors").toString());
        assertEquals(1, noModel.code());
        assertTrue(noModel.err().contains("checkpoint not found"), noModel.err());
        Path garbage = Files.writeString(dir.resolve("bad.safetensors"), "not a checkpoint");
        var bad = MainTest.run("sample", "--model", garbage.toString(), "--backend", "cpu");
        assertEquals(1, bad.code(), bad.err());
        assertTrue(bad.err().contains("bad.safetensors"), bad.err());
        var nothing = MainTest.run("classify", "--model", garbage.toString());
        assertEquals(1, nothing.code());
        assertTrue(nothing.err().contains("give texts to classify"), nothing.err());
    }

    /** A safetensors header whose element count overflows (4611686018427387904 floats in 0 bytes). */
    @Test
    void anOverflowingShapeInACheckpointIsOneLineNotAStackTrace() throws Exception {
        String header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[4611686018427387904],\"data_offsets\":[0,0]}}";
        byte[] json = header.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var bytes = java.nio.ByteBuffer.allocate(8 + json.length).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(json.length).put(json).array();
        Path file = Files.write(dir.resolve("overflow.safetensors"), bytes);
        String[][] commands = {{"sample", "--model", file.toString()}, {"classify", "--model", file.toString(), "some text"}};
        for (String[] command : commands) {
            var r = MainTest.run(command);
            assertEquals(1, r.code(), r.err());
            assertTrue(r.err().contains("overflow.safetensors") && r.err().contains("'w'") && r.err().contains("too large"), r.err());
            assertEquals(1, r.err().strip().lines().count(), "one line, no stack trace: " + r.err());
        }
    }

    @Test
    void negativeTopKIsAUsageError() {
        var r = MainTest.run("sample", "--model", "m.safetensors", "--top-k", "-3");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--top-k") && r.err().contains("must be >= 0, got -3"), r.err());
    }
}

package dev.rnn4j.cli;

import static org.junit.jupiter.api.Assertions.*;

import dev.rnn4j.model.io.SafeTensors;
import dev.rnn4j.tensor.TensorScope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tiny end-to-end runs of train / sample / classify through the command line (small shapes, a few steps). */
class TrainSampleClassifyTest {

    @TempDir
    Path dir;

    /** A tiny model and batch, no progress bar, on the CPU. */
    static final String[] SMALL = {"--batch-size", "4", "--units", "8", "--embedding-dim", "4", "--quiet", "--backend", "cpu"};
    private static final String[] TINY = concat(new String[] {"--epochs", "2"}, SMALL);

    private static String[] args(String[] head, String... tail) {
        return concat(concat(head, TINY), tail);
    }

    static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** The run a checkpoint holds (its "run.*" metadata). */
    static TrainingRun run(Path checkpoint) throws Exception {
        Map<String, String> extras = new LinkedHashMap<>();
        SafeTensors.readMetadata(checkpoint).forEach((k, v) -> {
            if (k.startsWith("extra.")) extras.put(k.substring("extra.".length()), v);
        });
        return TrainingRun.read(extras, checkpoint.toString());
    }

    private Path text() throws Exception {
        return Files.writeString(dir.resolve("t.txt"), "abc abd abe\n".repeat(20)); // 29 windows of 8: 28 for training (7 steps of 4), 1 held out
    }

    @Test
    void trainALanguageModelThenSampleFromIt() throws Exception {
        Path text = text();
        Path ckpt = dir.resolve("lm.safetensors");
        Path png = dir.resolve("loss.png");
        var t = MainTest.run(args(new String[] {"train", "--text", text.toString(), "--seq-length", "8", "--save", ckpt.toString(), "--loss-chart", png.toString()}));
        assertEquals(0, t.code(), t.err() + t.out());
        assertTrue(t.out().contains("vocabulary 7") && t.out().contains("the last 1 held out for validation"), t.out());
        assertTrue(t.out().matches("(?s).*epoch 1/2: loss \\d\\.\\d{4}, val_loss \\d\\.\\d{4}, val bits/char \\d\\.\\d{3}\n.*"), "an epoch line: " + t.out());
        assertTrue(t.out().contains("done: 2 epochs, 14 steps"), t.out());
        assertTrue(t.out().matches("(?s).*\nvalidation loss \\(after epoch 2, step 14\\): \\d\\.\\d{4}\n.*"), t.out());
        assertTrue(t.out().contains("validation data: 1 windows, 8 chars held out"), t.out());
        assertTrue(t.out().contains("validation bits per char: ") && t.out().contains("training loss (mean of epoch 2): "), t.out());
        assertTrue(Files.isRegularFile(ckpt) && Files.isRegularFile(png));
        TrainingRun run = run(ckpt);
        assertEquals(14, run.steps());
        assertEquals(14, run.losses().size());
        assertEquals(2, run.epochs().size());
        assertTrue(run.epochs().getLast().logs().containsKey("val_loss"));

        var s = MainTest.run("sample", "--model", ckpt.toString(), "--prompt", "ab", "--length", "30", "--seed", "3", "--backend", "cpu");
        assertEquals(0, s.code(), s.err());
        String sampled = s.out().strip();
        assertTrue(sampled.startsWith("ab"), sampled);
        assertTrue(sampled.chars().allMatch(c -> "abcde \n".indexOf(c) >= 0), "only characters of the training text: " + sampled);
        var again = MainTest.run("sample", "--model", ckpt.toString(), "--prompt", "ab", "--length", "30", "--seed", "3", "--backend", "cpu");
        assertEquals(s.out(), again.out(), "seeded sampling is reproducible");
        var nucleus = MainTest.run("sample", "--model", ckpt.toString(), "--prompt", "ab", "--length", "30", "--top-p", "0.5", "--top-k", "3", "--backend", "cpu");
        assertEquals(0, nucleus.code(), nucleus.err());
        assertTrue(nucleus.out().strip().chars().allMatch(c -> "abcde \n".indexOf(c) >= 0), nucleus.out());
        assertTrue(s.err().contains("(backend: cpu: "), s.err());

        var unknown = MainTest.run("sample", "--model", ckpt.toString(), "--prompt", "xyz", "--backend", "cpu");
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().contains("tokens the model never saw: 'x', 'y', 'z'"), unknown.err());
        var wrongTask = MainTest.run("classify", "--model", ckpt.toString(), "hello", "--backend", "cpu");
        assertEquals(1, wrongTask.code());
        assertTrue(wrongTask.err().contains("use 'rnn4j sample'"), wrongTask.err());
    }

    @Test
    void aResumedRunRepeatsTheUninterruptedRunBitForBit() throws Exception {
        Path text = text();
        String[] common = concat(new String[] {"train", "--text", text.toString(), "--seq-length", "8", "--epochs", "3", "--dropout", "0.2"}, SMALL);
        Path whole = dir.resolve("whole.safetensors");
        Path parts = dir.resolve("parts.safetensors");
        var a = MainTest.run(concat(common, "--steps", "10", "--save", whole.toString()));
        assertEquals(0, a.code(), a.err() + a.out());
        var b1 = MainTest.run(concat(common, "--steps", "4", "--save", parts.toString()));
        assertEquals(0, b1.code(), b1.err() + b1.out());
        assertTrue(b1.out().contains("stopped: --steps 4 reached (epoch 1/3)") && b1.out().contains("continue with --resume " + parts), b1.out());
        assertEquals(4, run(parts).steps());
        // resumed with only the data and the limit: the run's settings come from the checkpoint; crosses the end of epoch 1 (7 steps)
        var b2 = MainTest.run("train", "--text", text.toString(), "--epochs", "3", "--resume", parts.toString(), "--steps", "10",
                "--save", parts.toString(), "--quiet", "--backend", "cpu");
        assertEquals(0, b2.code(), b2.err() + b2.out());
        assertTrue(b2.out().contains("resuming " + parts + ": step 4 done, next: epoch 1, batch 5"), b2.out());
        assertTrue(b2.out().contains("model: embedding 4, lstm 8, dropout 0.2"), "the checkpoint's settings: " + b2.out());
        assertTrue(b2.out().contains("epoch 1/3: loss ") && b2.out().contains("(steps since the resume)"), b2.out());
        TrainingRun uninterrupted = run(whole);
        TrainingRun resumed = run(parts);
        assertEquals(10, resumed.steps());
        assertArrayEquals(uninterrupted.losses().first(10), resumed.losses().first(10), "the same step losses, bit for bit");
        assertEquals(uninterrupted.nextEpoch(), resumed.nextEpoch());
        assertEquals(uninterrupted.nextBatch(), resumed.nextBatch());
        try (TensorScope scope = TensorScope.open()) {
            var w1 = SafeTensors.read(whole, scope).tensors();
            var w2 = SafeTensors.read(parts, scope).tensors();
            assertEquals(w1.keySet(), w2.keySet());
            for (String name : w1.keySet()) {
                assertArrayEquals(w1.get(name).toFloatArray(), w2.get(name).toFloatArray(), 0f, name + " (weights and optimizer slots) bit for bit");
            }
        }

        var conflicting = MainTest.run("train", "--text", text.toString(), "--resume", parts.toString(), "--units", "16", "--save", parts.toString(), "--quiet", "--epochs", "3");
        assertEquals(2, conflicting.code(), conflicting.err());
        assertTrue(conflicting.err().contains("--units 16 differs from the run being resumed") && conflicting.err().contains("--units 8"), conflicting.err());
        Path other = Files.writeString(dir.resolve("other.txt"), "abc abd abf\n".repeat(20));
        var otherData = MainTest.run("train", "--text", other.toString(), "--resume", parts.toString(), "--save", parts.toString(), "--quiet", "--epochs", "3");
        assertEquals(1, otherData.code(), otherData.err());
        assertTrue(otherData.err().contains("the data differs from the run"), otherData.err());
        var done = MainTest.run("train", "--text", text.toString(), "--resume", parts.toString(), "--save", parts.toString(), "--quiet", "--epochs", "1");
        assertEquals(1, done.code(), done.err());
        assertTrue(done.err().contains("give --epochs above 1"), done.err());
    }

    @Test
    void anExistingSaveFileOfAnotherModelIsKeptUnlessOverwrite() throws Exception {
        Path text = text();
        Path ckpt = dir.resolve("lm.safetensors");
        String[] train = {"train", "--text", text.toString(), "--seq-length", "8", "--steps", "2", "--save", ckpt.toString()};
        assertEquals(0, MainTest.run(args(train)).code());
        byte[] first = Files.readAllBytes(ckpt);
        var again = MainTest.run(args(train));
        assertEquals(1, again.code(), again.out());
        assertTrue(again.err().contains(ckpt + " already exists and holds another language model trained for 2 steps; pass --overwrite to replace it, or --resume "),
                again.err());
        assertArrayEquals(first, Files.readAllBytes(ckpt), "the file was left alone");
        assertEquals(0, MainTest.run(args(train, "--overwrite")).code());
        Path notes = Files.writeString(dir.resolve("notes.txt"), "my notes");
        var foreign = MainTest.run(args(new String[] {"train", "--text", text.toString(), "--seq-length", "8", "--steps", "1", "--save", notes.toString()}));
        assertEquals(1, foreign.code());
        assertTrue(foreign.err().contains("a file that is not an rnn4j checkpoint"), foreign.err());
        assertEquals("my notes", Files.readString(notes));
        var demo = MainTest.run("demo", "--save", notes.toString(), "--quiet", "--seconds", "1", "--lines", "50", "--units", "4", "--embedding-dim", "2");
        assertEquals(1, demo.code(), "demo --save is protected too: " + demo.err());
    }

    @Test
    void aTimeBudgetThatEndsTrainingIsSaidAndTheRunCanContinue() throws Exception {
        Path text = text();
        Path ckpt = dir.resolve("lm.safetensors");
        var t = MainTest.run(concat(new String[] {"train", "--text", text.toString(), "--seq-length", "8", "--epochs", "100000", "--seconds", "0.3",
                "--save", ckpt.toString()}, SMALL));
        assertEquals(0, t.code(), t.err() + t.out());
        assertTrue(t.out().matches("(?s).*stopped: the time budget ran out \\(--seconds 0\\.3\\),\\s+at step \\d+ \\(epoch \\d+/100000\\).*"), t.out());
        assertTrue(t.out().contains("continue with --resume " + ckpt), t.out());
    }

    @Test
    void wordLevelSamplesKeepTheSpaceAfterThePrompt() throws Exception {
        Path text = Files.writeString(dir.resolve("w.txt"), "the software is good and the software is fast\n".repeat(30));
        Path ckpt = dir.resolve("w.safetensors");
        var t = MainTest.run(args(new String[] {"train", "--text", text.toString(), "--level", "word", "--seq-length", "5", "--layers", "2",
                "--save", ckpt.toString()}));
        assertEquals(0, t.code(), t.err() + t.out());
        assertTrue(t.out().contains("word tokens") && t.out().contains("val bits/word"), t.out());
        var s = MainTest.run("sample", "--model", ckpt.toString(), "--prompt", "the software", "--length", "6", "--backend", "cpu");
        assertEquals(0, s.code(), s.err());
        assertTrue(s.out().startsWith("the software "), "a space after the prompt: " + s.out());
        String[] words = s.out().strip().split(" ");
        assertTrue(words.length > 2 && words.length <= 8, "the prompt's words and up to 6 generated ones (padding ids print nothing): " + s.out());
        for (String w : words) assertTrue(List.of("the", "software", "is", "good", "and", "fast", "<OOV>").contains(w), "a word of the text: " + w + " in " + s.out());
        var fromDefault = MainTest.run("sample", "--model", ckpt.toString(), "--length", "3", "--backend", "cpu");
        assertEquals(0, fromDefault.code(), "the default prompt is a real word, not <OOV>: " + fromDefault.err());
    }

    @Test
    void trainAClassifierOnACsvThenClassify() throws Exception {
        StringBuilder csv = new StringBuilder("label,message\n");
        for (int i = 0; i < 12; i++) csv.append("spam,\"WIN cash, now\"\nham,see you at lunch\n");
        Path file = Files.writeString(dir.resolve("sms.csv"), csv);
        Path ckpt = dir.resolve("clf.safetensors");
        var t = MainTest.run(args(new String[] {"train", "--csv", file.toString(), "--text-column", "message", "--label-column", "label",
                "--maxlen", "6", "--validation-split", "0.25", "--truncating", "post", "--save", ckpt.toString()}));
        assertEquals(0, t.code(), t.err() + t.out());
        assertTrue(t.out().contains("labels [ham, spam]") && t.out().contains("maxlen 6 (truncating post)"), t.out());
        assertTrue(t.out().matches("(?s).*epoch 1/2: loss \\d\\.\\d{4}, accuracy \\d+\\.\\d\\d%, val_loss \\d\\.\\d{4}, val_accuracy \\d+\\.\\d\\d%\n.*"), t.out());
        assertTrue(t.out().contains("validation accuracy: ") && t.out().contains("validation data: 6 examples held out"), t.out());
        assertEquals("post", SafeTensors.readMetadata(ckpt).get("extra.truncating"));

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
    void aStackedBidirectionalClassifierWithDropoutTrainsAndClassifies() throws Exception {
        Path ckpt = dir.resolve("neg.safetensors");
        var t = MainTest.run(args(new String[] {"train", "--negation", "40", "--layers", "2", "--bidirectional", "--dropout", "0.1", "--cell", "gru",
                "--recurrent-dropout", "0.2", "--save", ckpt.toString()}));
        assertEquals(0, t.code(), t.err() + t.out());
        assertTrue(t.out().contains("model: embedding 4, 2 x gru 8 (bidirectional, concat), dropout 0.1, recurrent dropout 0.2"), t.out());
        assertTrue(t.out().contains("maxlen ") && t.out().contains("training: adam lr 0.001, batch 4, epochs 2, clipnorm none"), "Keras defaults in the header: " + t.out());
        var c = MainTest.run("classify", "--model", ckpt.toString(), "--backend", "cpu", "--negation", "20");
        assertEquals(0, c.code(), c.err());
        assertTrue(c.out().contains("on 20 examples"), c.out());
        var lm = MainTest.run(args(new String[] {"train", "--text", text().toString(), "--bidirectional", "sum", "--save", dir.resolve("x").toString()}));
        assertEquals(2, lm.code(), lm.err());
        assertTrue(lm.err().contains("--bidirectional is for classifiers"), lm.err());
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
        assertEquals(2, both.code());
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
        assertEquals(2, nothing.code());
        assertTrue(nothing.err().contains("give texts to classify"), nothing.err());
        var noResume = MainTest.run(args(new String[] {"train", "--text", "a.txt", "--resume", dir.resolve("gone.safetensors").toString(), "--save", "m"}));
        assertEquals(1, noResume.code());
        assertTrue(noResume.err().contains("checkpoint to resume not found"), noResume.err());
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

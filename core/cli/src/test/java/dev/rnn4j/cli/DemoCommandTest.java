package dev.rnn4j.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

    @Test
    void tinyDemoTrainsSamplesScoresAndWritesTheChart(@TempDir Path dir) {
        Path png = dir.resolve("loss.png");
        var r = MainTest.run("demo", "--seconds", "2", "--epochs", "1", "--lines", "60", "--units", "8", "--embedding-dim", "4",
                "--seq-length", "12", "--batch-size", "8", "--sample-chars", "40", "--held-out", "3", "--quiet", "--backend", "cpu",
                "--output", png.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("generated additions: "), r.out());
        assertTrue(r.out().matches("(?s).*held-out problems .*: \\d+/3 correct.*"), r.out());
        assertTrue(r.out().contains("backend: cpu") && r.out().contains("ran on backend: cpu"), r.out());
        assertTrue(r.out().contains("validation loss (after epoch 1, step 6): ") && r.out().contains("validation bits per char: "), r.out());
        assertTrue(r.out().contains("training: adam lr 0.003, batch 8 x 12 chars, clipnorm none, budget 2 s,\n  2 windows held out"), r.out());
        for (String line : r.out().split("\n")) assertTrue(line.length() <= 80, "line wider than 80 columns: " + line);
        assertTrue(Files.isRegularFile(png));
    }

    @Test
    void badHyperparametersAreUsageErrors() {
        var r = MainTest.run("demo", "--units", "0", "--quiet");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("'--units': must be >= 1, got 0"), r.err());
        var c = MainTest.run("demo", "--cell", "transformer", "--quiet");
        assertEquals(2, c.code());
        assertTrue(c.err().contains("must be one of lstm, gru, simple_rnn; got 'transformer'"), c.err());
        var b = MainTest.run("demo", "--backend", "tpu", "--quiet");
        assertEquals(2, b.code());
        assertTrue(b.err().contains("must be one of auto, cpu, cuda"), b.err());
    }
}

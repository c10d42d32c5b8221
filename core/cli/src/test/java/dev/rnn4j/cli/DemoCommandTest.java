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
        assertTrue(r.out().matches("(?s).*held-out problems completed greedily.*: \\d+/3 correct.*"), r.out());
        assertTrue(r.out().contains("backend: cpu") && r.out().contains("ran on backend: cpu"), r.out());
        assertTrue(Files.isRegularFile(png));
    }

    @Test
    void badHyperparametersAreRejectedBeforeTraining() {
        var r = MainTest.run("demo", "--units", "0", "--quiet");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("--units must be >= 1"), r.err());
        var c = MainTest.run("demo", "--cell", "transformer", "--quiet");
        assertEquals(1, c.code());
        assertTrue(c.err().contains("--cell must be lstm, gru or simple_rnn"), c.err());
        var t = MainTest.run("demo", "--seconds", "abc");
        assertEquals(2, t.code());
        assertTrue(t.err().contains("--seconds"), t.err());
        var b = MainTest.run("demo", "--backend", "tpu", "--quiet");
        assertEquals(1, b.code());
        assertTrue(b.err().contains("--backend must be auto, cpu or cuda"), b.err());
    }
}

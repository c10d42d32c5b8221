package dev.rnn4j.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sun.misc.Signal;

/** SIGINT/SIGTERM during training, raised in this JVM; and the plain progress lines written when stderr is not a terminal. */
class StopSignalsTest {

    @TempDir
    Path dir;

    /** Runs {@code train} in the background, raises {@code signal} once its handlers are installed, returns the result. */
    private MainTest.Result trainAndRaise(String signal, Path ckpt) throws Exception {
        Path text = Files.writeString(dir.resolve("t.txt"), "abc abd abe\n".repeat(40));
        return runAndRaise(signal, TrainSampleClassifyTest.concat(new String[] {"train", "--text", text.toString(), "--seq-length", "8",
                "--epochs", "100000", "--seconds", "120", "--save", ckpt.toString()}, TrainSampleClassifyTest.SMALL));
    }

    private static MainTest.Result runAndRaise(String signal, String[] args) throws Exception {
        CompletableFuture<MainTest.Result> run = CompletableFuture.supplyAsync(() -> MainTest.run(args));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (StopSignals.installed() == 0 && !run.isDone() && System.nanoTime() < deadline) Thread.sleep(20);
        assertFalse(run.isDone(), "training ended before the signal: " + (run.isDone() ? run.get() : ""));
        assertEquals(1, StopSignals.installed(), "the training's handlers are in place");
        Signal.raise(new Signal(signal));
        return run.get(60, TimeUnit.SECONDS);
    }

    @Test
    void sigintStopsAfterTheStepSavesAndExits130() throws Exception {
        Path ckpt = dir.resolve("lm.safetensors");
        MainTest.Result r = trainAndRaise("INT", ckpt);
        assertEquals(130, r.code(), r.err() + r.out());
        assertTrue(r.out().matches("(?s).*stopped by SIGINT at step \\d+ \\(epoch \\d+/100000\\).*"), r.out());
        assertTrue(r.out().contains("saved " + ckpt + "; continue with --resume " + ckpt), r.out());
        assertTrue(TrainSampleClassifyTest.run(ckpt).steps() >= 1);
        assertEquals(0, StopSignals.installed(), "the handlers are gone after training");
    }

    @Test
    void sigtermDoesTheSameWithExitCode143() throws Exception {
        Path ckpt = dir.resolve("lm.safetensors");
        MainTest.Result r = trainAndRaise("TERM", ckpt);
        assertEquals(143, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("stopped by SIGTERM at step"), r.out());
        assertTrue(Files.isRegularFile(ckpt));
    }

    @Test
    void theDemoStopsOnSigintWritesItsChartAndSavesWithoutSampling() throws Exception {
        Path png = dir.resolve("demo.png");
        Path ckpt = dir.resolve("demo.safetensors");
        MainTest.Result r = runAndRaise("INT", new String[] {"demo", "--seconds", "120", "--lines", "200", "--units", "8", "--embedding-dim", "4",
                "--quiet", "--backend", "cpu", "--output", png.toString(), "--save", ckpt.toString()});
        assertEquals(130, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("stopped by SIGINT at step "), r.out());
        assertFalse(r.out().contains("generated additions: "), "no sampling after a stop: " + r.out());
        assertTrue(Files.isRegularFile(png) && Files.isRegularFile(ckpt), r.out());
    }

    @Test
    void withoutATerminalProgressIsPlainLines() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        StringWriter epochs = new StringWriter();
        try (var progress = new TrainingProgress("train", new ProgressPlan(10, 0), 2, 0, 1, TrainingProgress.Mode.PLAIN, err, new PrintWriter(epochs))) {
            for (int step = 1; step <= 10; step++) progress.update(step, 1 + (step - 1) / 5, 2.0 / step, 100L * step);
            progress.println("epoch 1/2: loss 1.0000");
        }
        String written = bytes.toString(StandardCharsets.UTF_8);
        assertFalse(written.contains("\r"), "no carriage returns: " + written);
        assertFalse(written.contains("["), "no bar: " + written);
        assertTrue(written.strip().lines().allMatch(l -> l.startsWith("train ") && l.contains("% ") && l.contains("step ")), written);
        assertTrue(written.contains("100% step 10/10"), "the last line at close: " + written);
        assertEquals("epoch 1/2: loss 1.0000" + System.lineSeparator(), epochs.toString());
    }
}

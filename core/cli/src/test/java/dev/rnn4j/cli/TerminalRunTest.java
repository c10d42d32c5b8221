package dev.rnn4j.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command as a user runs it in an 80-column terminal: a child JVM under a pseudo-terminal made by
 * util-linux {@code script} ({@code stty cols 80}). Every line, and every frame of the progress bar between
 * carriage returns, fits the 80 columns; the percentage never goes back; Ctrl-C typed into the terminal stops
 * training after the step, saves, and exits with 130, and the run resumes.
 */
class TerminalRunTest {

    private static final int COLUMNS = 80;
    private static final Pattern PERCENT = Pattern.compile("^(?:train|demo)?\\s*(\\d{1,3})% ");

    @TempDir
    Path dir;

    private static Path script;

    @BeforeAll
    static void findScript() {
        script = List.of("/usr/bin/script", "/bin/script").stream().map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
        Assumptions.assumeTrue(script != null, "util-linux 'script' is not installed: no pseudo-terminal to run the command in");
    }

    /** The child JVM's command line for {@code rnn4j args...}, on this test's class path. */
    private static String command(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--add-modules", "jdk.incubator.vector",
                "-Xmx1g", "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), "dev.rnn4j.cli.Main"));
        cmd.addAll(List.of(args));
        StringBuilder sb = new StringBuilder();
        for (String c : cmd) sb.append(sb.isEmpty() ? "" : " ").append('\'').append(c.replace("'", "'\\''")).append('\'');
        return sb.toString();
    }

    /** Starts {@code rnn4j args...} under a pseudo-terminal of {@link #COLUMNS} columns, in the test's directory. */
    private Process start(String... args) throws IOException {
        String shell = "stty cols " + COLUMNS + " rows 24; exec " + command(args);
        return new ProcessBuilder(script.toString(), "-qfec", shell, "/dev/null").directory(dir.toFile()).redirectErrorStream(true).start();
    }

    /** Everything the terminal showed, once the process ended (at most {@code seconds}). */
    private static String finish(Process p, ByteArrayOutputStream seen, Thread reader, int seconds) throws Exception {
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail("no exit within " + seconds + " s; the terminal showed:\n" + seen.toString(StandardCharsets.UTF_8));
        }
        reader.join(5000);
        return seen.toString(StandardCharsets.UTF_8);
    }

    private static Thread copy(InputStream in, ByteArrayOutputStream to) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[4096];
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    synchronized (to) {
                        to.write(buf, 0, n);
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** The terminal output cut at carriage returns and newlines: each piece is one line or one frame of the bar. */
    static List<String> frames(String output) {
        return List.of(output.replaceAll("\u001B\\[[0-9;?]*[A-Za-z]", "").split("[\r\n]"));
    }

    /** Asserts the frames fit the terminal and the progress percentages never decrease; returns the percentages. */
    static List<Integer> checkFrames(String output) {
        List<Integer> percents = new ArrayList<>();
        for (String frame : frames(output)) {
            assertTrue(frame.length() <= COLUMNS, "wider than " + COLUMNS + " columns (" + frame.length() + "): '" + frame + "'\nin:\n" + output);
            Matcher m = PERCENT.matcher(frame);
            if (m.find() && frame.contains("step ")) percents.add(Integer.parseInt(m.group(1)));
        }
        for (int i = 1; i < percents.size(); i++) {
            assertTrue(percents.get(i) >= percents.get(i - 1), "the percentage went back: " + percents + "\nin:\n" + output);
        }
        return percents;
    }

    private Path text() throws IOException {
        return Files.writeString(dir.resolve("notes.txt"), "the quick brown fox jumps over the lazy dog\n".repeat(200));
    }

    @Test
    void theDemoFitsAnEightyColumnTerminal() throws Exception {
        Process p = start("demo", "--seconds", "3", "--lines", "300", "--units", "16", "--embedding-dim", "8", "--sample-chars", "200",
                "--held-out", "5", "--output", "demo.png", "--backend", "cpu");
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        String output = finish(p, seen, copy(p.getInputStream(), seen), 120);
        assertEquals(0, p.exitValue(), output);
        List<Integer> percents = checkFrames(output);
        assertTrue(percents.size() >= 2 && percents.getLast() == 100, "a bar on the terminal, ending at 100%: " + percents + "\n" + output);
        assertTrue(output.contains("[") && output.contains("generated additions:"), output);
        assertTrue(output.contains("stopped: the time budget ran out (--seconds 3)"), output);
    }

    @Test
    void trainFitsAnEightyColumnTerminalAndCtrlCStopsSavesAndResumes() throws Exception {
        Path text = text();
        Process done = start("train", "--text", text.toString(), "--seq-length", "20", "--units", "16", "--embedding-dim", "8", "--epochs", "1000",
                "--seconds", "3", "--save", "lm.safetensors", "--backend", "cpu");
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        String output = finish(done, seen, copy(done.getInputStream(), seen), 120);
        assertEquals(0, done.exitValue(), output);
        List<Integer> percents = checkFrames(output);
        assertTrue(percents.size() >= 2, "progress frames: " + output);
        assertTrue(output.contains("epoch 1/1000: loss ") && output.contains("val bits/char"), output);

        Process p = start("train", "--text", text.toString(), "--seq-length", "20", "--units", "16", "--embedding-dim", "8", "--epochs", "1000",
                "--seconds", "120", "--save", "stopped.safetensors", "--backend", "cpu");
        ByteArrayOutputStream typed = new ByteArrayOutputStream();
        Thread reader = copy(p.getInputStream(), typed);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!stepped(typed) && System.nanoTime() < deadline && p.isAlive()) Thread.sleep(100);
        assertTrue(stepped(typed), "training started: " + typed.toString(StandardCharsets.UTF_8));
        p.getOutputStream().write(3); // Ctrl-C, typed into the terminal: the terminal sends SIGINT to the command
        p.getOutputStream().flush();
        String interrupted = finish(p, typed, reader, 60);
        assertEquals(130, p.exitValue(), interrupted);
        checkFrames(interrupted);
        assertTrue(interrupted.contains("rnn4j: SIGINT: stopping after this step and saving the checkpoint"), interrupted);
        assertTrue(interrupted.matches("(?s).*stopped by SIGINT at step \\d+ \\(epoch \\d+/1000\\).*"), interrupted);
        assertTrue(interrupted.contains("saved stopped.safetensors; continue with --resume stopped.safetensors"), interrupted);
        long stoppedAt = TrainSampleClassifyTest.run(dir.resolve("stopped.safetensors")).steps();
        assertTrue(stoppedAt >= 1, "steps saved: " + stoppedAt);

        var resumed = MainTest.run("train", "--text", text.toString(), "--epochs", "1000", "--steps", Long.toString(stoppedAt + 3), "--quiet",
                "--resume", dir.resolve("stopped.safetensors").toString(), "--save", dir.resolve("stopped.safetensors").toString(), "--backend", "cpu");
        assertEquals(0, resumed.code(), resumed.err() + resumed.out());
        assertEquals(stoppedAt + 3, TrainSampleClassifyTest.run(dir.resolve("stopped.safetensors")).steps());
    }

    /** True once a progress frame shows at least one step done. */
    private static boolean stepped(ByteArrayOutputStream out) {
        String s;
        synchronized (out) {
            s = out.toString(StandardCharsets.UTF_8);
        }
        return Pattern.compile("step [1-9][0-9,]*/").matcher(s).find();
    }
}

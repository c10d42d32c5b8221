package dev.rnn4j.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train} started as the {@code ./rnn4j} launcher starts it (module path, native access for the CUDA
 * modules only), with stdout and stderr going to pipes as in a log: the only JVM warning is the incubator one
 * the JDK always prints (docs/ARCHITECTURE.md), the CUDA reason is one short line, and progress comes as plain
 * lines without carriage returns.
 */
class LauncherRunTest {

    @TempDir
    Path dir;

    @Test
    void aStartAsTheLauncherDoesItIsQuietAndLogFriendly() throws Exception {
        Path classpath = Path.of("target", "classpath.txt");
        Assumptions.assumeTrue(Files.isRegularFile(classpath), "target/classpath.txt (written by the build for the launcher) is missing");
        String modulePath = Path.of("target", "classes").toAbsolutePath() + java.io.File.pathSeparator + Files.readString(classpath).strip();
        Path text = Files.writeString(dir.resolve("t.txt"), "abc abd abe\n".repeat(20));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=dev.rnn4j.cuda,dev.rnn4j.bindings", "--sun-misc-unsafe-memory-access=allow", "-Djava.awt.headless=true",
                "-Xmx1g", "--module-path", modulePath, "-m", "dev.rnn4j.cli/dev.rnn4j.cli.Main",
                "train", "--text", text.toString(), "--seq-length", "8", "--units", "8", "--embedding-dim", "4", "--batch-size", "4", "--steps", "3", "--save", "m.safetensors"));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).start();
        CompletableFuture<String> out = read(p.getInputStream());
        CompletableFuture<String> err = read(p.getErrorStream());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the run ended");
        String stdout = out.get(10, TimeUnit.SECONDS);
        String stderr = err.get(10, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue(), stdout + stderr);
        for (String line : stderr.split("\n")) {
            if (line.startsWith("WARNING")) assertEquals("WARNING: Using incubator modules: jdk.incubator.vector", line, "no other JVM warning:\n" + stderr);
        }
        assertFalse(stderr.contains("\r"), "plain progress lines in a log: " + stderr);
        assertTrue(stderr.contains("train ") && stderr.contains("% step "), "a progress line: " + stderr);
        for (String line : stdout.split("\n")) {
            assertTrue(line.length() <= 80, "wider than 80 columns: " + line);
            if (line.startsWith("cuda:")) assertTrue(line.matches("cuda: unavailable \\(.{1,34}\\); rnn4j info for details"), line);
        }
        assertTrue(stdout.contains("stopped: --steps 3 reached"), stdout);
    }

    private static CompletableFuture<String> read(java.io.InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }
}

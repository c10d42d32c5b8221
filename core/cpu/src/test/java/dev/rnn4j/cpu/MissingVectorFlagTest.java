package dev.rnn4j.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnn4j.backend.Backends;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A JVM started without {@code --add-modules jdk.incubator.vector} gets a message naming the flag when it asks
 * for the CPU backend, not a NoClassDefFoundError. Runs a child JVM on this test's class path without the flag.
 */
class MissingVectorFlagTest {

    /** The child: asks for the CPU backend and prints what it got. */
    public static void main(String[] args) {
        try {
            Backends.cpu();
            System.out.println("created");
        } catch (IllegalStateException e) {
            System.out.println("IllegalStateException: " + e.getMessage());
        }
    }

    @Test
    void theCpuBackendNamesTheMissingFlag() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), MissingVectorFlagTest.class.getName())
                .redirectErrorStream(true).start();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, child.exitValue(), out);
        assertTrue(out.endsWith("IllegalStateException: CPU backend unavailable: the Vector API is not in this JVM; "
                + "add the JVM flag --add-modules jdk.incubator.vector"), out);
    }
}

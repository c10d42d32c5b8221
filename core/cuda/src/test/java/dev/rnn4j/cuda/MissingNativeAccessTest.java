package dev.rnn4j.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnn4j.backend.Backends;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A JVM started without {@code --enable-native-access} is told which flag to add before any native call is
 * made. Runs a child JVM on this test's class path without the flag.
 */
class MissingNativeAccessTest {

    /** The child: asks the CUDA provider why it is unavailable and prints the reason. */
    public static void main(String[] args) {
        System.out.println("reason: " + Backends.provider("cuda").unavailableReason(0).orElse("none"));
    }

    @Test
    void theCudaProviderNamesTheMissingFlag() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                MissingNativeAccessTest.class.getName()).redirectErrorStream(true).start();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, child.exitValue(), out);
        assertTrue(out.endsWith("reason: CUDA backend unavailable: native access is not enabled for the class path; "
                + "add the JVM flag --enable-native-access=ALL-UNNAMED"), out);
    }
}

package dev.rnn4j.bench.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench/gpu --dry-run} in the normal build: every step of the device run starts here and stops for the
 * expected "no GPU" reason, the generator agrees between Java and Python, and the comparison and the summary
 * work on a tiny CPU run. It runs from the build tree (this JVM's class path, core/cuda's test classes, the
 * JUnit console the build copied), not from a prepared .device/. Skipped, with the reason, where bash or
 * coreutils' timeout is missing.
 */
class GpuDryRunTest {

    @Test
    void everyStepStartsAndStopsForTheExpectedReason(@TempDir Path out) throws IOException, InterruptedException {
        Path bench = Path.of("").toAbsolutePath();
        Path root = bench.getParent();
        assumeTrue(onPath("bash") && onPath("timeout"), "bench/gpu needs bash and timeout (coreutils) on PATH");
        Path cudaTests = root.resolve("core/cuda/target/test-classes");
        Path junit = bench.resolve("target/gpu-junit");
        assumeTrue(Files.isDirectory(cudaTests), "core/cuda's test classes are not built: " + cudaTests);
        assumeTrue(Files.isDirectory(junit), "the JUnit console jars are not copied: " + junit);

        var pb = new ProcessBuilder("bash", root.resolve("bench/gpu").toString(), "--dry-run").directory(root.toFile()).redirectErrorStream(true);
        Path log = out.resolve("dry-run.log");
        pb.redirectOutput(log.toFile());
        var env = pb.environment();
        env.put("OUT", out.resolve("out").toString());
        env.put("RNN4J_GPU_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        env.put("RNN4J_GPU_CLASSPATH", System.getProperty("java.class.path") + File.pathSeparator + cudaTests);
        env.put("RNN4J_GPU_JUNIT", junit.resolve("*").toString());
        Process p = pb.start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("bench/gpu --dry-run did not finish in 300 s:\n" + Files.readString(log));
        }
        String output = Files.readString(log);
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("bench/gpu --dry-run: ok, all "), output);
        assertTrue(output.contains("dry-run: ok      generator-selftest") || output.contains("not found: the PyTorch side was not checked"), output);
        String summary = Files.readString(out.resolve("out/summary.md"));
        assertTrue(summary.contains("## Steps") && summary.contains("| kernels | CudaKernelParityGpuTest"), summary);
        for (String f : new String[] {"steps.tsv", "bench-results.txt", "info.txt", "run.log", "gpu-run.tar.gz"}) {
            assertTrue(Files.isRegularFile(out.resolve("out").resolve(f)), f + " is written");
        }
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) return true;
        }
        return false;
    }
}

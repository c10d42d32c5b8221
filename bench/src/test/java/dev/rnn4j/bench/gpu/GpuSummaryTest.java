package dev.rnn4j.bench.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** summary.md from hand-made run files: steps, a JUnit XML report with a failure, benchmark lines. */
class GpuSummaryTest {

    private static final String XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuite name="JUnit Jupiter" tests="3" skipped="1" failures="1" errors="0">
              <testcase name="pointwise()" classname="dev.rnn4j.cuda.CudaKernelParityGpuTest" time="0.1"/>
              <testcase name="optimizers()" classname="dev.rnn4j.cuda.CudaKernelParityGpuTest" time="0.1">
                <failure message="adamStep: element 3 expected 0.5 but was 0.7" type="java.lang.AssertionError">trace</failure>
              </testcase>
              <testcase name="oom()" classname="dev.rnn4j.cuda.CudaKernelParityGpuTest" time="0"><skipped/></testcase>
            </testsuite>
            """;

    @Test
    void tablesComeFromTheRunsFiles(@TempDir Path dir) throws IOException {
        Path junit = Files.createDirectories(dir.resolve("junit/kernels"));
        Files.writeString(junit.resolve("TEST-junit-jupiter.xml"), XML);
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Files.writeString(logs.resolve("info.log"), """
                WARNING: Using incubator modules: jdk.incubator.vector
                java: 25.0.3
                CUDA backend: available
                Searched directories, in order (2):
                  /a [pip wheel]
                  /b [system]
                Driver: supports CUDA 13.0
                """);
        Files.writeString(dir.resolve("steps.tsv"), """
                info\trnn4j info\tpassed\t0\t2\t45\t
                kernels\tCudaKernelParityGpuTest | kernels\tfailed\t1\t9\t90\t1 passed, 1 failed, 1 skipped
                soak\tthe soak\ttimed out\t124\t150\t150\tstopped after 150 s
                """);
        Files.writeString(dir.resolve("bench.txt"), """
                # rnn4j backend cuda: NVIDIA H200, timer cuda-events
                # check id=1 lstm-fwd T=100 B=64 I=512 H=512: rel_err_y=1.00e-07 (tol 1e-4) -> ok
                case=lstm-fwd T=100 B=64 I=512 H=512 rnn4j_ms=2.000 pytorch_ms=1.000 ratio=2.000 target=1.05 met=no check=ok
                # failed id=2 case=gru-fwd T=100 B=64 I=512 H=512: rnn4j: error: boom; pytorch: 1.000 ms
                """);
        String md = GpuSummary.markdown(new GpuSummary.Inputs(dir.resolve("steps.tsv"), dir.resolve("junit"), logs, dir.resolve("bench.txt"),
                dir.resolve("absent-BUILT"), "a run"));
        assertTrue(md.startsWith("# a run\n"), md);
        assertTrue(md.contains("| kernels | CudaKernelParityGpuTest \\| kernels | **failed** | 3 | 1 | 1 | 1 | 9 (90) |"), md);
        assertTrue(md.contains("- kernels: CudaKernelParityGpuTest.optimizers(): adamStep: element 3 expected 0.5 but was 0.7"), md);
        assertTrue(md.contains("| soak | the soak | **timed out** | | | | | 150 (150) | stopped after 150 s |"), md);
        assertTrue(md.contains("| lstm-fwd | T=100 B=64 I=512 H=512 | 2.000 | 1.000 | 2.000 | ≤ 1.05 | **no** | ok |"), md);
        assertTrue(md.contains("- id=2 case=gru-fwd T=100 B=64 I=512 H=512: rnn4j: error: boom"), md);
        assertTrue(md.contains("Driver: supports CUDA 13.0") && !md.contains("/a [pip wheel]") && !md.contains("WARNING"), md);
        assertTrue(md.contains("(no nvidia-smi log)") && md.contains("(no python versions log)"), md);
    }

    @Test
    void missingAndBrokenFilesAreSaidNotGuessed(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("steps.tsv"), "only\tthree\tfields\n");
        var e = assertThrows(IllegalArgumentException.class, () -> GpuSummary.markdown(new GpuSummary.Inputs(dir.resolve("steps.tsv"),
                dir, dir, dir.resolve("none"), dir.resolve("none"), "x")));
        assertTrue(e.getMessage().contains("7 tab-separated fields"), e.getMessage());
        String md = GpuSummary.markdown(new GpuSummary.Inputs(dir.resolve("no-steps.tsv"), dir, dir, dir.resolve("none"), dir.resolve("none"), "x"));
        assertTrue(md.contains("(no step recorded)") && md.contains("No benchmark results (none was not written)"), md);

        Path broken = Files.createDirectories(dir.resolve("broken"));
        Files.writeString(broken.resolve("TEST-x.xml"), "<testsuite><testcase");
        var io = assertThrows(IOException.class, () -> JUnitReport.read(broken));
        assertTrue(io.getMessage().contains("TEST-x.xml: not a JUnit XML report"), io.getMessage());
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThrows(IOException.class, () -> JUnitReport.read(empty));
        Path ok = Files.createDirectories(dir.resolve("ok"));
        Files.writeString(ok.resolve("TEST-junit-jupiter.xml"), XML);
        JUnitReport r = JUnitReport.read(ok);
        assertEquals(3, r.tests());
        assertEquals(1, r.passed());
    }
}

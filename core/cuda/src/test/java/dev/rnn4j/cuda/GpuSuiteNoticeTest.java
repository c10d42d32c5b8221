package dev.rnn4j.cuda;

import static org.junit.jupiter.api.Assumptions.abort;

import org.junit.jupiter.api.Test;

/**
 * Makes the excluded GPU suite visible in an ordinary run: this test is always reported as skipped, with
 * the reason the CUDA backend is or is not usable here and the switch that runs the suite.
 */
class GpuSuiteNoticeTest {

    @Test
    void gpuSuiteRunsOnlyWithPgpu() {
        String here = CudaProbe.unavailableReason(0).orElse("a GPU is usable here");
        abort("GPU tests (tag \"gpu\") are excluded by default; run ./mvnw -Pgpu -pl core/cuda -am verify (or bench/gpu, see docs/GPU.md) on a CUDA host. Here: " + here);
    }
}

package dev.rnn4j.cuda;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.backend.Backends;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of the GPU-against-CPU parity tests: a {@link CudaBackend} on device 0 and a {@link CpuBackend},
 * opened once per test class (the GPU one only when there is a GPU; {@link RequiresGpu} then skips each
 * test with the reason) and closed after it. Test classes run one after another, so the static pair is
 * never shared by two classes at once.
 */
@Tag("gpu")
@ExtendWith(RequiresGpu.class)
abstract class GpuVersusCpu {

    static CudaBackend gpu;
    static Backend cpu;

    @BeforeAll
    static void openBackends() {
        if (!GpuFixture.gpuAvailable()) return;
        gpu = CudaBackend.create(0);
        cpu = Backends.cpu();
    }

    @AfterAll
    static void closeBackends() {
        if (gpu != null) gpu.close();
        if (cpu != null) cpu.close();
        gpu = null;
        cpu = null;
    }
}

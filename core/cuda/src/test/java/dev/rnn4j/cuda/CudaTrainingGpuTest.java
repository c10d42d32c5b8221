package dev.rnn4j.cuda;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.backend.Backends;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Test;

/** A small model trained end to end on the GPU, against the same code on the CPU, and a 10^4-step soak. Needs a GPU. */
@Tag("gpu")
@ExtendWith(RequiresGpu.class)
class CudaTrainingGpuTest {

    @Test
    void trainsLikeTheCpu() {
        int steps = 60;
        float[] cpuLoss = new float[steps], gpuLoss = new float[steps];
        try (Backend cpu = Backends.cpu(); TinyClassifier m = new TinyClassifier(cpu, 7)) {
            for (int i = 0; i < steps; i++) cpuLoss[i] = m.step();
        }
        try (CudaBackend gpu = CudaBackend.create(0); TinyClassifier m = new TinyClassifier(gpu, 7)) {
            for (int i = 0; i < steps; i++) gpuLoss[i] = m.step();
        }
        for (int i = 0; i < 20; i++) assertEquals(cpuLoss[i], gpuLoss[i], 1e-3 * (1 + cpuLoss[i]), "loss at step " + i);
        assertTrue(gpuLoss[steps - 1] < 0.5f * gpuLoss[0], "GPU loss went from " + gpuLoss[0] + " to " + gpuLoss[steps - 1]);
    }

    @Test
    void tenThousandStepsKeepDeviceMemoryFlat() {
        try (CudaBackend gpu = CudaBackend.create(0); TinyClassifier m = new TinyClassifier(gpu, 11)) {
            for (int i = 0; i < 10; i++) m.step();
            gpu.synchronize();
            long raw = gpu.rawAllocations(), inUse = gpu.bytesInUse(), free = gpu.deviceMemory()[0];
            for (int i = 0; i < 10_000; i++) m.step();
            gpu.synchronize();
            assertEquals(raw, gpu.rawAllocations(), "cuMemAlloc calls after warm-up");
            assertEquals(inUse, gpu.bytesInUse(), "bytes held by the allocator");
            long drift = free - gpu.deviceMemory()[0];
            assertTrue(Math.abs(drift) <= 4L << 20, "device free memory drifted by " + drift + " bytes");
        }
    }
}

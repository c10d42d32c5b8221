package dev.rnn4j.bench.gpu;

import static dev.rnn4j.bindings.cuda.cuda_h.CU_EVENT_DEFAULT;
import static dev.rnn4j.bindings.cuda.cuda_h.cuEventCreate;
import static dev.rnn4j.bindings.cuda.cuda_h.cuEventDestroy_v2;
import static dev.rnn4j.bindings.cuda.cuda_h.cuEventElapsedTime_v2;
import static dev.rnn4j.bindings.cuda.cuda_h.cuEventRecord;
import static dev.rnn4j.bindings.cuda.cuda_h.cuEventSynchronize;
import static dev.rnn4j.bindings.cuda.cuda_h.cuGetErrorName;

import dev.rnn4j.bench.peers.Timing;
import dev.rnn4j.cuda.CudaBackend;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Times work on a {@link CudaBackend}'s stream with two CUDA events (cuEventRecord before and after the queued
 * work, cuEventElapsedTime between them), as {@code torch.cuda.Event} does on the PyTorch side. The driver
 * calls go through the generated bindings directly (the bench runs on the class path); the events belong to
 * the backend's context, which its calls make current on this thread. Use from one thread.
 */
final class CudaEventTimer implements DeviceTimer {

    private final CudaBackend backend;
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment stream;
    private final MemorySegment start;
    private final MemorySegment stop;
    private final MemorySegment elapsed;

    CudaEventTimer(CudaBackend backend) {
        this.backend = backend;
        backend.synchronize(); // makes the backend's context current on this thread
        this.stream = MemorySegment.ofAddress(backend.stream().orElseThrow());
        this.start = create();
        MemorySegment second;
        try {
            second = create();
        } catch (RuntimeException e) {
            cuEventDestroy_v2(start);
            arena.close();
            throw e;
        }
        this.stop = second;
        this.elapsed = arena.allocate(ValueLayout.JAVA_FLOAT);
    }

    private MemorySegment create() {
        MemorySegment p = arena.allocate(ValueLayout.ADDRESS);
        check(cuEventCreate(p, CU_EVENT_DEFAULT()), "cuEventCreate");
        return p.get(ValueLayout.ADDRESS, 0);
    }

    @Override
    public double medianMillis(Timing timing, Runnable queued) {
        for (int i = 0; i < timing.warmup(); i++) queued.run();
        backend.synchronize();
        double[] ms = new double[timing.repetitions()];
        for (int i = 0; i < ms.length; i++) {
            check(cuEventRecord(start, stream), "cuEventRecord");
            queued.run();
            check(cuEventRecord(stop, stream), "cuEventRecord");
            check(cuEventSynchronize(stop), "cuEventSynchronize");
            check(cuEventElapsedTime_v2(elapsed, start, stop), "cuEventElapsedTime_v2");
            ms[i] = elapsed.get(ValueLayout.JAVA_FLOAT, 0);
        }
        return Timing.median(ms);
    }

    @Override
    public String name() {
        return "cuda-events";
    }

    @Override
    public void close() {
        try {
            check(cuEventDestroy_v2(start), "cuEventDestroy_v2");
            check(cuEventDestroy_v2(stop), "cuEventDestroy_v2");
        } finally {
            arena.close();
        }
    }

    /** A non-zero CUresult becomes an IllegalStateException naming the call and the driver's name for the status. */
    private static void check(int status, String function) {
        if (status == 0) return;
        String name = "CUresult " + status;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment p = a.allocate(ValueLayout.ADDRESS);
            if (cuGetErrorName(status, p) == 0) name = p.get(ValueLayout.ADDRESS, 0).reinterpret(256).getString(0) + " (" + status + ")";
        }
        throw new IllegalStateException(function + " failed: " + name);
    }
}

package dev.rnn4j.cpu.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.backend.Backends;
import dev.rnn4j.cpu.CpuOptions;
import dev.rnn4j.rnn.RnnBiasMode;
import dev.rnn4j.rnn.RnnDataDescriptor;
import dev.rnn4j.rnn.RnnDataLayout;
import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.rnn.RnnMode;
import dev.rnn4j.rnn.RnnPlan;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;
import dev.rnn4j.testing.RnnProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The threads of a CPU backend: sized by {@link CpuOptions}, optionally a host's executor, owned per backend,
 * and never a cause of different bits (every partition depends only on the shapes).
 */
class CpuThreadsTest {

    /** Every output of {@link #run} on one backend, in order. */
    private record Outputs(List<float[]> arrays) {
    }

    @Test
    void threadCountIsValidatedWithAClearMessage() {
        for (int bad : new int[] {0, -3}) {
            var e = assertThrows(IllegalArgumentException.class, () -> new CpuOptions(bad, null));
            assertTrue(e.getMessage().contains("threads must be >= 1") && e.getMessage().contains("got " + bad), e.getMessage());
        }
        var e = assertThrows(IllegalArgumentException.class, () -> CpuOptions.defaults().withThreads(0));
        assertTrue(e.getMessage().contains("threads must be >= 1"), e.getMessage());
        assertEquals(Runtime.getRuntime().availableProcessors(), CpuOptions.defaults().threads(), "default: all cores");
    }

    @Test
    void descriptionShowsTheThreadsOfThatBackend() {
        try (Backend one = Backends.create("cpu", 0, CpuOptions.defaults().withThreads(1));
             Backend three = Backends.create("cpu", 0, CpuOptions.defaults().withThreads(3));
             Backend hosted = Backends.create("cpu", 0, new CpuOptions(5, Runnable::run))) {
            assertTrue(one.description().endsWith(", 1 thread"), one.description());
            assertTrue(three.description().endsWith(", 3 threads"), three.description());
            assertTrue(hosted.description().endsWith(", 5 threads on the host's executor"), hosted.description());
        }
    }

    /**
     * The same calls on 1, 2 and 3 threads of the backend's own, and on 3 threads of a host's executor, give the
     * same bits: SGEMM split over parts, the RNN time loops split by hidden-unit slices or by row groups (forward,
     * backwardData, backwardWeights; LSTM, GRU and tanh-RNN, bidirectional, ragged lengths), chunked elementwise
     * passes and the cross-entropy's row parts.
     */
    @Test
    void oneTwoAndThreeThreadsGiveTheSameBits() {
        Outputs reference;
        try (CpuBackend one = new CpuBackend(CpuOptions.defaults().withThreads(1))) {
            reference = run(one);
            assertFalse(one.threads().ownWorkersRunning(), "one thread starts no worker");
        }
        for (int threads : new int[] {2, 3}) {
            try (CpuBackend backend = new CpuBackend(CpuOptions.defaults().withThreads(threads))) {
                assertSameBits(reference, run(backend), threads + " threads");
                assertTrue(backend.threads().ownWorkersRunning(), "the parallel paths ran on the backend's workers");
            }
        }
        ExecutorService host = Executors.newFixedThreadPool(2);
        try {
            AtomicInteger tasks = new AtomicInteger();
            try (CpuBackend hosted = new CpuBackend(new CpuOptions(3, task -> {
                tasks.incrementAndGet();
                host.execute(task);
            }))) {
                assertSameBits(reference, run(hosted), "3 threads on a host executor");
                assertFalse(hosted.threads().ownWorkersRunning(), "a host executor replaces the backend's own workers");
            }
            assertTrue(tasks.get() > 0, "the parallel parts ran on the host's executor");
            assertFalse(host.isShutdown(), "closing the backend leaves the host's executor running");
        } finally {
            host.shutdownNow();
        }
    }

    @Test
    void oneThreadNeverUsesTheExecutorAndARefusingExecutorOnlyCostsTime() {
        Outputs reference;
        AtomicInteger tasks = new AtomicInteger();
        try (CpuBackend one = new CpuBackend(new CpuOptions(1, task -> tasks.incrementAndGet()))) {
            reference = run(one);
        }
        assertEquals(0, tasks.get(), "threads = 1 runs everything on the caller");
        ExecutorService shutDown = Executors.newSingleThreadExecutor();
        shutDown.shutdown();
        try (CpuBackend refused = new CpuBackend(new CpuOptions(3, shutDown))) {
            assertSameBits(reference, run(refused), "every task refused: the caller does all parts");
        }
        try (CpuBackend neverRuns = new CpuBackend(new CpuOptions(3, task -> { }))) {
            assertSameBits(reference, run(neverRuns), "tasks accepted but never run: the caller does all parts");
        }
    }

    @Test
    void closeStopsTheBackendsOwnWorkersAndLaterCallsRunOnTheCaller() {
        Outputs reference;
        try (CpuBackend one = new CpuBackend(CpuOptions.defaults().withThreads(1))) {
            reference = run(one);
        }
        CpuBackend backend = new CpuBackend(CpuOptions.defaults().withThreads(2));
        assertFalse(backend.threads().ownWorkersRunning(), "workers start on first use, not at creation");
        run(backend);
        assertTrue(backend.threads().ownWorkersRunning());
        backend.close();
        assertFalse(backend.threads().ownWorkersRunning(), "close shuts the backend's workers down");
        assertSameBits(reference, run(backend), "after close, on the calling thread");
        assertFalse(backend.threads().ownWorkersRunning(), "no worker is started again after close");
    }

    @Test
    void backendsDoNotShareThreads() {
        try (CpuBackend a = new CpuBackend(CpuOptions.defaults().withThreads(2));
             CpuBackend b = new CpuBackend(CpuOptions.defaults().withThreads(2))) {
            run(a);
            assertTrue(a.threads().ownWorkersRunning());
            assertFalse(b.threads().ownWorkersRunning(), "b's threads are its own, started by its own calls only");
        }
    }

    private static void assertSameBits(Outputs expected, Outputs actual, String what) {
        assertEquals(expected.arrays().size(), actual.arrays().size());
        for (int i = 0; i < expected.arrays().size(); i++) {
            assertArrayEquals(expected.arrays().get(i), actual.arrays().get(i), what + ": output " + i);
        }
    }

    /** Large enough that every threaded path splits: the same seeded inputs on every call. */
    private static Outputs run(CpuBackend backend) {
        List<float[]> out = new ArrayList<>();
        Random rnd = new Random(8);
        try (TensorScope s = TensorScope.open()) {
            // SGEMM: 256·224·300 multiply-adds, past PARALLEL_MIN_MACS; both split directions
            Tensor a = s.fromArray(RnnProblem.uniform(rnd, 256 * 300, 1f), 256, 300);
            Tensor b = s.fromArray(RnnProblem.uniform(rnd, 300 * 224, 1f), 300, 224);
            Tensor c = s.zeros(256, 224);
            backend.gemm(false, false, 1f, a, b, 0f, c);
            out.add(c.toFloatArray());
            Tensor ct = s.zeros(224, 256);
            backend.gemm(true, true, 0.5f, b, a, 0f, ct);
            out.add(ct.toFloatArray());
            // a few rows of A (no packing), past PARALLEL_MIN_MACS: columns split over threads, both forms of op(B)
            Tensor few = s.fromArray(RnnProblem.uniform(rnd, 3 * 1500, 1f), 3, 1500);
            Tensor wide = s.fromArray(RnnProblem.uniform(rnd, 1500 * 1001, 1f), 1500, 1001);
            Tensor cFew = s.zeros(3, 1001);
            backend.gemm(false, false, 1f, few, wide, 0f, cFew);
            out.add(cFew.toFloatArray());
            Tensor tall = s.fromArray(RnnProblem.uniform(rnd, 1001 * 1500, 1f), 1001, 1500);
            backend.gemm(false, true, 1f, few, tall, 0f, cFew);
            out.add(cFew.toFloatArray());

            // elementwise passes in chunks (4·32768 elements) and the optimizer's chunked update
            int n = 4 * HostView.CHUNK + 5;
            Tensor p = s.fromArray(RnnProblem.uniform(rnd, n, 1f), n);
            Tensor g = s.fromArray(RnnProblem.uniform(rnd, n, 1f), n);
            Tensor m = s.zeros(n), v = s.zeros(n), sum = s.zeros(n);
            backend.binary(dev.rnn4j.backend.BinaryOp.MUL, p, g, sum);
            backend.adamStep(p, g, m, v, 1e-3f, 0.9f, 0.999f, 1e-8f, 1);
            out.add(sum.toFloatArray());
            out.add(p.toFloatArray());
            out.add(v.toFloatArray());

            // cross-entropy over 3 row parts
            int rows = 1100, classes = 37;
            Tensor logits = s.fromArray(RnnProblem.uniform(rnd, rows * classes, 3f), rows, classes);
            int[] labels = new int[rows];
            for (int i = 0; i < rows; i++) labels[i] = rnd.nextInt(classes);
            Tensor dLogits = s.zeros(rows, classes);
            float loss = backend.softmaxCrossEntropy(logits, s.fromIntArray(labels, rows), -100, dLogits);
            out.add(new float[] {loss});
            out.add(dLogits.toFloatArray());
        }
        // the RNN: hidden 160 is 5 SGEMM panels. Batch 6 runs whole on 1 thread and cut into 4 unit slices on 2, 5 on 3;
        // batch 25 is cut into row groups on 2 and 3 threads (RnnParts); both cuts must give the bits of one thread
        Random lengths = new Random(10);
        int[] ragged = new int[25];
        for (int b = 0; b < ragged.length; b++) ragged[b] = 1 + lengths.nextInt(7);
        ragged[3] = 7;
        for (RnnDataDescriptor xDesc : new RnnDataDescriptor[] {
                new RnnDataDescriptor(7, 6, 24, new int[] {7, 2, 5, 7, 1, 4}, RnnDataLayout.BATCH_MAJOR),
                new RnnDataDescriptor(7, 25, 24, ragged, RnnDataLayout.SEQ_MAJOR)}) {
            runRnn(backend, xDesc, out);
        }
        return new Outputs(out);
    }

    private static void runRnn(CpuBackend backend, RnnDataDescriptor xDesc, List<float[]> out) {
        for (RnnMode mode : new RnnMode[] {RnnMode.LSTM, RnnMode.GRU, RnnMode.RNN_TANH}) {
            RnnDescriptor rnn = new RnnDescriptor(mode, 2, true, 24, 160, RnnBiasMode.DOUBLE_BIAS, 0f, 0L);
            RnnProblem problem = RnnProblem.random(new Random(9), rnn, xDesc, true);
            try (RnnPlan plan = backend.rnn(rnn)) {
                CpuRnnRun r = CpuRnnRun.of(problem, plan);
                out.add(r.y());
                out.add(r.hy());
                out.add(r.dx());
                out.add(r.dhx());
                out.add(r.dw());
                if (r.cy() != null) {
                    out.add(r.cy());
                    out.add(r.dcx());
                }
            }
        }
    }
}

package dev.rnn4j.cpu.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnn4j.cpu.CpuOptions;
import dev.rnn4j.rnn.RnnBiasMode;
import dev.rnn4j.rnn.RnnDataDescriptor;
import dev.rnn4j.rnn.RnnDataLayout;
import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.rnn.RnnForwardMode;
import dev.rnn4j.rnn.RnnMode;
import dev.rnn4j.rnn.RnnPlan;
import dev.rnn4j.testing.RnnProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What the thread-safety contract of {@link RnnPlan} promises for the CPU backend: one plan shared by several
 * threads, each call with its own tensors and spaces, gives every thread what a single-threaded run gives;
 * and the per-descriptor layouts a plan keeps are computed once per distinct descriptor, bounded.
 */
class CpuRnnPlanSharingTest {

    private static final int CALLERS = 4;
    private static final int ROUNDS = 3;

    @Test
    void severalThreadsSharingOnePlanGetTheSingleThreadedResults() throws Exception {
        RnnDescriptor rnn = new RnnDescriptor(RnnMode.LSTM, 2, true, 9, 70, RnnBiasMode.DOUBLE_BIAS, 0f, 0L);
        List<RnnProblem> problems = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            // each caller its own inputs and lengths (so its own layout), all sharing the plan and the backend's threads
            Random rnd = new Random(100 + i);
            problems.add(RnnProblem.random(rnd, rnn, RnnProblem.raggedBatch(rnd, 6, 5, 9, RnnDataLayout.SEQ_MAJOR), true));
        }
        try (CpuBackend backend = new CpuBackend(CpuOptions.defaults().withThreads(2)); RnnPlan plan = backend.rnn(rnn)) {
            List<CpuRnnRun> alone = new ArrayList<>();
            for (RnnProblem p : problems) alone.add(CpuRnnRun.of(p, plan));
            ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
            try {
                CyclicBarrier start = new CyclicBarrier(CALLERS);
                List<Future<List<CpuRnnRun>>> runs = new ArrayList<>();
                for (RnnProblem p : problems) {
                    runs.add(callers.submit(() -> {
                        start.await();
                        List<CpuRnnRun> mine = new ArrayList<>();
                        for (int round = 0; round < ROUNDS; round++) mine.add(CpuRnnRun.of(p, plan));
                        return mine;
                    }));
                }
                for (int i = 0; i < CALLERS; i++) {
                    for (CpuRnnRun shared : runs.get(i).get()) {
                        CpuRnnRun expected = alone.get(i);
                        assertArrayEquals(expected.y(), shared.y(), "caller " + i + " y");
                        assertArrayEquals(expected.hy(), shared.hy(), "caller " + i + " hy");
                        assertArrayEquals(expected.cy(), shared.cy(), "caller " + i + " cy");
                        assertArrayEquals(expected.dx(), shared.dx(), "caller " + i + " dx");
                        assertArrayEquals(expected.dhx(), shared.dhx(), "caller " + i + " dhx");
                        assertArrayEquals(expected.dcx(), shared.dcx(), "caller " + i + " dcx");
                        assertArrayEquals(expected.dw(), shared.dw(), "caller " + i + " dw");
                    }
                }
            } finally {
                callers.shutdownNow();
            }
        }
    }

    @Test
    void aTrainingStepComputesItsLayoutOnceAndEqualDescriptorsShareIt() {
        RnnDescriptor rnn = new RnnDescriptor(RnnMode.GRU, 1, false, 3, 8, RnnBiasMode.DOUBLE_BIAS, 0f, 0L);
        try (CpuRnnPlan plan = new CpuRnnPlan(rnn, TestThreads.ALL_CORES)) {
            RnnProblem p = RnnProblem.random(new Random(3), rnn, new RnnDataDescriptor(4, 3, 3, new int[] {4, 1, 3}, RnnDataLayout.SEQ_MAJOR), true);
            CpuRnnRun.of(p, plan);
            assertEquals(1, plan.layouts().size(), "spaceSizes, forward, backwardData and backwardWeights share one layout");
            RnnCallLayout first = plan.layouts().of(p.xDesc());
            RnnDataDescriptor equal = new RnnDataDescriptor(4, 3, 3, new int[] {4, 1, 3}, RnnDataLayout.SEQ_MAJOR);
            assertSame(first, plan.layouts().of(equal), "an equal descriptor (another instance) finds the same layout");
            assertEquals(plan.spaceSizes(RnnForwardMode.TRAINING, p.xDesc()), plan.spaceSizes(RnnForwardMode.TRAINING, equal));
        }
    }

    @Test
    void theLayoutCacheIsBounded() {
        RnnDescriptor rnn = new RnnDescriptor(RnnMode.LSTM, 1, false, 3, 8, RnnBiasMode.DOUBLE_BIAS, 0f, 0L);
        try (CpuRnnPlan plan = new CpuRnnPlan(rnn, TestThreads.ALL_CORES)) {
            for (int length = 1; length <= 3 * RnnCallLayouts.CAPACITY; length++) {
                plan.spaceSizes(RnnForwardMode.TRAINING, new RnnDataDescriptor(length, 2, 3, new int[] {length, 1}, RnnDataLayout.SEQ_MAJOR));
                assertTrue(plan.layouts().size() <= RnnCallLayouts.CAPACITY, "at most " + RnnCallLayouts.CAPACITY + " descriptors kept");
            }
            assertEquals(RnnCallLayouts.CAPACITY, plan.layouts().size());
        }
    }
}

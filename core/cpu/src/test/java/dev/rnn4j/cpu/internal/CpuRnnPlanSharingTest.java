package dev.rnn4j.cpu.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnn4j.rnn.RnnBiasMode;
import dev.rnn4j.rnn.RnnDataDescriptor;
import dev.rnn4j.rnn.RnnDataLayout;
import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.rnn.RnnForwardMode;
import dev.rnn4j.rnn.RnnMode;
import dev.rnn4j.testing.RnnProblem;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The per-descriptor layouts a plan keeps: computed once per distinct descriptor (by value), bounded. */
class CpuRnnPlanSharingTest {

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

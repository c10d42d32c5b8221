package dev.rnn4j.cpu.internal;

import dev.rnn4j.rnn.RnnBiasMode;
import dev.rnn4j.rnn.RnnDataDescriptor;
import dev.rnn4j.rnn.RnnDataLayout;
import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.rnn.RnnForwardMode;
import dev.rnn4j.rnn.RnnMode;
import dev.rnn4j.rnn.RnnSpaceSizes;
import dev.rnn4j.testing.RnnProblem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Inference vs training, optional states, strided views, gradient accumulation and dropout determinism. */
class CpuRnnBehaviourTest {

    private static final Random RND = new Random(23);

    private static RnnProblem problem(RnnMode mode, float dropout, long seed) {
        RnnDescriptor rnn = new RnnDescriptor(mode, 3, true, 5, 6, RnnBiasMode.DOUBLE_BIAS, dropout, seed);
        return RnnProblem.random(new Random(seed), rnn, new RnnDataDescriptor(4, 3, 5, new int[] {2, 4, 3}, RnnDataLayout.BATCH_MAJOR), true);
    }

    /**
     * The time loops split every step over worker threads; memory confined to the caller's thread must not
     * reach them (it would throw WrongThreadException there). Then the caller runs every slice itself, and
     * since the partition is fixed the results are the same bits, as they are from run to run.
     */
    @Test
    void threadConfinedMemoryRunsOnTheCallerWithIdenticalResults() {
        for (RnnMode mode : new RnnMode[] {RnnMode.LSTM, RnnMode.GRU}) {
            RnnDescriptor rnn = new RnnDescriptor(mode, 2, true, 7, 70, RnnBiasMode.DOUBLE_BIAS, 0f, 0);
            RnnProblem p = RnnProblem.random(new Random(5), rnn,
                    new RnnDataDescriptor(6, 5, 7, new int[] {6, 3, 5, 1, 6}, RnnDataLayout.SEQ_MAJOR), true);
            try (CpuRnnPlan plan = new CpuRnnPlan(rnn, TestThreads.ALL_CORES)) {
                CpuRnnRun shared = CpuRnnRun.of(p, plan);
                CpuRnnRun again = CpuRnnRun.of(p, plan);
                CpuRnnRun confined = CpuRnnRun.of(p, plan, () -> TensorScope.of(java.lang.foreign.Arena.ofConfined()));
                for (CpuRnnRun other : new CpuRnnRun[] {again, confined}) {
                    assertArrayEquals(shared.y(), other.y(), mode + " y");
                    assertArrayEquals(shared.dx(), other.dx(), mode + " dx");
                    assertArrayEquals(shared.dhx(), other.dhx(), mode + " dhx");
                    assertArrayEquals(shared.dw(), other.dw(), mode + " dw");
                }
            }
        }
    }

    @Test
    void inferenceMatchesTrainingWithoutDropoutAndAcceptsNullOutputs() {
        for (RnnMode mode : RnnMode.values()) {
            RnnProblem p = problem(mode, 0f, 1);
            CpuRnnRun training = CpuRnnRun.of(p);
            try (TensorScope scope = TensorScope.open(); CpuRnnPlan plan = new CpuRnnPlan(p.rnn(), TestThreads.ALL_CORES)) {
                Tensor y = scope.zeros(p.xDesc().withVectorSize(p.rnn().outputSize()).shape());
                Tensor hy = scope.zeros(6, 3, 6);
                Tensor cy = mode.hasCellState() ? scope.zeros(6, 3, 6) : null;
                Tensor work = scope.zeros(plan.spaceSizes(RnnForwardMode.INFERENCE, p.xDesc()).workSpaceSize());
                Tensor x = scope.fromArray(p.x(), p.xDesc().shape());
                Tensor hx = scope.fromArray(p.hx(), 6, 3, 6);
                Tensor cx = mode.hasCellState() ? scope.fromArray(p.cx(), 6, 3, 6) : null;
                Tensor w = scope.fromArray(p.w(), p.w().length);
                plan.forward(RnnForwardMode.INFERENCE, p.xDesc(), x, y, hx, hy, cx, cy, w, work, null);
                assertArrayEquals(training.y(), y.toFloatArray(), 1e-6f);
                assertArrayEquals(training.hy(), hy.toFloatArray(), 1e-6f);
                if (cy != null) assertArrayEquals(training.cy(), cy.toFloatArray(), 1e-6f);
                Tensor y2 = scope.zeros(p.xDesc().withVectorSize(p.rnn().outputSize()).shape());
                plan.forward(RnnForwardMode.INFERENCE, p.xDesc(), x, y2, hx, null, cx, null, w, work, null);
                assertArrayEquals(y.toFloatArray(), y2.toFloatArray());
            }
        }
    }

    @Test
    void stridedViewsAreReadAndWrittenInPlace() {
        RnnProblem p = problem(RnnMode.GRU, 0f, 2);
        CpuRnnRun expected = CpuRnnRun.of(p);
        try (TensorScope scope = TensorScope.open(); CpuRnnPlan plan = new CpuRnnPlan(p.rnn(), TestThreads.ALL_CORES)) {
            // x [B=3, T=4, 5] as a column slice of a [3, 4, 9] tensor; y [3, 4, 12] as a slice of [3, 4, 20]
            Tensor xBig = scope.zeros(3, 4, 9);
            Tensor x = xBig.slice(2, 2, 7);
            x.copyFrom(p.x());
            Tensor yBig = scope.zeros(3, 4, 20);
            Tensor y = yBig.slice(2, 4, 16);
            Tensor work = scope.zeros(plan.spaceSizes(RnnForwardMode.INFERENCE, p.xDesc()).workSpaceSize());
            plan.forward(RnnForwardMode.INFERENCE, p.xDesc(), x, y, scope.fromArray(p.hx(), 6, 3, 6), null, null, null,
                    scope.fromArray(p.w(), p.w().length), work, null);
            assertArrayEquals(expected.y(), y.toFloatArray(), 1e-6f);
            assertArrayEquals(new float[3 * 4 * 4], yBig.slice(2, 0, 4).toFloatArray(), "columns outside the view stay untouched");
        }
    }

    /** Full-length sequences take the in-place input path only when x is packed as is; a strided view must not. */
    @Test
    void fullLengthStridedViewsAreGatheredNotReadInPlace() {
        RnnDescriptor rnn = new RnnDescriptor(RnnMode.LSTM, 2, false, 5, 6, RnnBiasMode.DOUBLE_BIAS, 0f, 0);
        RnnDataDescriptor xDesc = RnnDataDescriptor.full(4, 3, 5, RnnDataLayout.SEQ_MAJOR);
        RnnProblem p = RnnProblem.random(new Random(9), rnn, xDesc, true);
        CpuRnnRun expected = CpuRnnRun.of(p);
        try (TensorScope scope = TensorScope.open(); CpuRnnPlan plan = new CpuRnnPlan(rnn, TestThreads.ALL_CORES)) {
            Tensor xBig = scope.zeros(4, 3, 8);
            Tensor x = xBig.slice(2, 1, 6);                 // [T=4, B=3, 5] with row stride 8
            x.copyFrom(p.x());
            Tensor yBig = scope.zeros(4, 3, 9);
            Tensor y = yBig.slice(2, 2, 8);                 // [4, 3, 6] with row stride 9
            Tensor work = scope.zeros(plan.spaceSizes(RnnForwardMode.INFERENCE, xDesc).workSpaceSize());
            plan.forward(RnnForwardMode.INFERENCE, xDesc, x, y, scope.fromArray(p.hx(), 2, 3, 6), null, scope.fromArray(p.cx(), 2, 3, 6), null,
                    scope.fromArray(p.w(), p.w().length), work, null);
            assertArrayEquals(expected.y(), y.toFloatArray(), 1e-6f);
            assertArrayEquals(new float[4 * 3 * 2], yBig.slice(2, 0, 2).toFloatArray(), "columns outside the view stay untouched");
        }
    }

    @Test
    void backwardWeightsAddsAndMissingStateGradientsAreZeros() {
        RnnProblem p = problem(RnnMode.LSTM, 0f, 3);
        RnnProblem zeroGh = new RnnProblem(p.rnn(), p.xDesc(), p.x(), p.hx(), p.cx(), p.w(), p.gy(),
                new float[p.gh().length], new float[p.gc().length]);
        CpuRnnRun withZeros = CpuRnnRun.of(zeroGh);
        try (TensorScope scope = TensorScope.open(); CpuRnnPlan plan = new CpuRnnPlan(p.rnn(), TestThreads.ALL_CORES)) {
            RnnSpaceSizes sizes = plan.spaceSizes(RnnForwardMode.TRAINING, p.xDesc());
            Tensor x = scope.fromArray(p.x(), p.xDesc().shape());
            Tensor y = scope.zeros(p.xDesc().withVectorSize(12).shape());
            Tensor hx = scope.fromArray(p.hx(), 6, 3, 6);
            Tensor cx = scope.fromArray(p.cx(), 6, 3, 6);
            Tensor w = scope.fromArray(p.w(), p.w().length);
            Tensor work = scope.zeros(sizes.workSpaceSize());
            Tensor reserve = scope.zeros(sizes.reserveSpaceSize());
            Tensor dx = scope.zeros(p.xDesc().shape());
            Tensor dhx = scope.zeros(6, 3, 6);
            plan.forward(RnnForwardMode.TRAINING, p.xDesc(), x, y, hx, null, cx, null, w, work, reserve);
            plan.backwardData(p.xDesc(), y, scope.fromArray(p.gy(), y.shape()), dx, hx, null, dhx, cx, null, null, w, work, reserve);
            assertArrayEquals(withZeros.dx(), dx.toFloatArray(), 1e-6f);
            assertArrayEquals(withZeros.dhx(), dhx.toFloatArray(), 1e-6f);
            Tensor dw = scope.zeros(p.w().length);
            plan.backwardWeights(p.xDesc(), x, hx, y, dw, work, reserve);
            plan.backwardWeights(p.xDesc(), x, hx, y, dw, work, reserve);
            float[] twice = withZeros.dw().clone();
            for (int i = 0; i < twice.length; i++) twice[i] *= 2;
            assertArrayEquals(twice, dw.toFloatArray(), 1e-5f);
        }
    }

    @Test
    void dropoutIsDeterministicPerSeedAndCallAndOffInInference() {
        RnnProblem p = problem(RnnMode.LSTM, 0.5f, 77);
        CpuRnnRun a = CpuRnnRun.of(p);
        CpuRnnRun b = CpuRnnRun.of(p);
        assertArrayEquals(a.y(), b.y(), "same seed, same first call: same mask");
        assertArrayEquals(a.dw(), b.dw());
        RnnProblem noDropout = new RnnProblem(new RnnDescriptor(RnnMode.LSTM, 3, true, 5, 6, RnnBiasMode.DOUBLE_BIAS, 0f, 77),
                p.xDesc(), p.x(), p.hx(), p.cx(), p.w(), p.gy(), p.gh(), p.gc());
        assertFalse(Arrays.equals(a.y(), CpuRnnRun.of(noDropout).y()), "dropout changes the training output");
        RnnProblem otherSeed = new RnnProblem(new RnnDescriptor(RnnMode.LSTM, 3, true, 5, 6, RnnBiasMode.DOUBLE_BIAS, 0.5f, 78),
                p.xDesc(), p.x(), p.hx(), p.cx(), p.w(), p.gy(), p.gh(), p.gc());
        assertFalse(Arrays.equals(a.y(), CpuRnnRun.of(otherSeed).y()), "another seed, another mask");
        try (CpuRnnPlan plan = new CpuRnnPlan(p.rnn(), TestThreads.ALL_CORES)) {
            CpuRnnRun first = CpuRnnRun.of(p, plan);
            CpuRnnRun second = CpuRnnRun.of(p, plan);
            assertArrayEquals(a.y(), first.y());
            assertFalse(Arrays.equals(first.y(), second.y()), "the next training call of a plan draws the next mask");
        }
    }
}

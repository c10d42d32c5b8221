package dev.rnn4j.cpu.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.rnn4j.cpu.CpuOptions;
import dev.rnn4j.rnn.RnnBiasMode;
import dev.rnn4j.rnn.RnnDataDescriptor;
import dev.rnn4j.rnn.RnnDataLayout;
import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.rnn.RnnForwardMode;
import dev.rnn4j.rnn.RnnMode;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;
import dev.rnn4j.testing.ReferenceRnn;
import dev.rnn4j.testing.RnnProblem;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A call of one time step (a generator's token step, whose products read the weights in place) against the
 * double-precision reference: stepping a sequence one token at a time with the state carried from call to call
 * gives the reference's outputs of the whole sequence, for every mode, two layers, a hidden size with a tail
 * of a unit group and of a vector, and an odd batch; on 1 and 2 threads with identical bits.
 */
class CpuRnnTokenStepTest {

    private static final double TOLERANCE = 1e-5;

    @Test
    void steppingOneTokenAtATimeWithCarriedStateMatchesTheReference() {
        for (RnnMode mode : RnnMode.values()) {
            RnnDescriptor rnn = new RnnDescriptor(mode, 2, false, 5, 37, RnnBiasMode.DOUBLE_BIAS, 0f, 0L);
            int steps = 4, batch = 3;
            RnnDataDescriptor whole = RnnDataDescriptor.full(steps, batch, 5, RnnDataLayout.SEQ_MAJOR);
            RnnProblem p = RnnProblem.random(new Random(41 + mode.ordinal()), rnn, whole, true);
            var w = p.widened();
            ReferenceRnn.Result ref = new ReferenceRnn(rnn).forward(whole, w.x(), w.hx(), w.cx(), w.w(), null);
            float[] one = stepped(p, steps, batch, 1), two = stepped(p, steps, batch, 2);
            CpuRnnGradientTest.assertClose("stepped y", one, ref.y(), TOLERANCE, p);
            assertArrayEquals(one, two, mode + ": 1 and 2 threads");
        }
    }

    @Test
    void oneStepOfABidirectionalStackMatchesTheReference() {
        for (RnnMode mode : RnnMode.values()) {
            RnnDescriptor rnn = new RnnDescriptor(mode, 2, true, 7, 20, RnnBiasMode.SINGLE_INP_BIAS, 0f, 0L);
            RnnDataDescriptor xDesc = RnnDataDescriptor.full(1, 9, 7, RnnDataLayout.BATCH_MAJOR);
            RnnProblem p = RnnProblem.random(new Random(43 + mode.ordinal()), rnn, xDesc, true);
            var w = p.widened();
            ReferenceRnn.Result ref = new ReferenceRnn(rnn).forward(xDesc, w.x(), w.hx(), w.cx(), w.w(), null);
            try (TensorScope scope = TensorScope.open(); CpuBackend backend = new CpuBackend(CpuOptions.defaults().withThreads(2));
                 var plan = backend.rnn(rnn)) {
                long[] states = {4, 9, 20};
                Tensor y = scope.zeros(xDesc.withVectorSize(40).shape()), hy = scope.zeros(states), cy = mode.hasCellState() ? scope.zeros(states) : null;
                Tensor work = scope.zeros(plan.spaceSizes(RnnForwardMode.INFERENCE, xDesc).workSpaceSize());
                plan.forward(RnnForwardMode.INFERENCE, xDesc, scope.fromArray(p.x(), xDesc.shape()), y, scope.fromArray(p.hx(), states), hy,
                        p.cx() == null ? null : scope.fromArray(p.cx(), states), cy, scope.fromArray(p.w(), p.w().length), work, null);
                CpuRnnGradientTest.assertClose("y", y.toFloatArray(), ref.y(), TOLERANCE, p);
                CpuRnnGradientTest.assertClose("hy", hy.toFloatArray(), ref.hy(), TOLERANCE, p);
                if (cy != null) CpuRnnGradientTest.assertClose("cy", cy.toFloatArray(), ref.cy(), TOLERANCE, p);
            }
        }
    }

    /** y [T, B, H] of {@code steps} inference calls of one step each, h and c carried from each call to the next. */
    private static float[] stepped(RnnProblem p, int steps, int batch, int threads) {
        RnnDescriptor rnn = p.rnn();
        int input = rnn.inputSize(), hidden = rnn.hiddenSize();
        long[] states = {rnn.numLayers(), batch, hidden};
        RnnDataDescriptor step = RnnDataDescriptor.full(1, batch, input, RnnDataLayout.SEQ_MAJOR);
        float[] y = new float[steps * batch * hidden];
        try (TensorScope scope = TensorScope.open(); CpuBackend backend = new CpuBackend(CpuOptions.defaults().withThreads(threads));
             var plan = backend.rnn(rnn)) {
            boolean cell = rnn.mode().hasCellState();
            Tensor h = scope.fromArray(p.hx(), states), c = cell ? scope.fromArray(p.cx(), states) : null;
            Tensor hNext = scope.zeros(states), cNext = cell ? scope.zeros(states) : null;
            Tensor yStep = scope.zeros(1, batch, hidden), w = scope.fromArray(p.w(), p.w().length);
            Tensor work = scope.zeros(plan.spaceSizes(RnnForwardMode.INFERENCE, step).workSpaceSize());
            for (int t = 0; t < steps; t++) {
                float[] xt = Arrays.copyOfRange(p.x(), t * batch * input, (t + 1) * batch * input);
                plan.forward(RnnForwardMode.INFERENCE, step, scope.fromArray(xt, 1, batch, input), yStep, h, hNext, c, cNext, w, work, null);
                System.arraycopy(yStep.toFloatArray(), 0, y, t * batch * hidden, batch * hidden);
                Tensor swap = h;
                h = hNext;
                hNext = swap;
                if (cell) {
                    swap = c;
                    c = cNext;
                    cNext = swap;
                }
            }
        }
        return y;
    }
}

package dev.rnn4j.cpu.internal;

import dev.rnn4j.testing.ReferenceRnnGradients;
import dev.rnn4j.testing.ReferenceFiniteDifferences;
import dev.rnn4j.rnn.RnnBiasMode;
import dev.rnn4j.rnn.RnnDataDescriptor;
import dev.rnn4j.rnn.RnnDataLayout;
import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.rnn.RnnMode;
import dev.rnn4j.testing.ReferenceRnn;
import dev.rnn4j.testing.RnnProblem;
import dev.rnn4j.testing.Norms;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnn4j.backend.CounterRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The float CPU kernel against the double reference: forward outputs, and every gradient against central
 * finite differences of the reference's loss L = sum(y·gy) + sum(hy·gh) + sum(cy·gc).
 */
class CpuRnnGradientTest {

    private static final double EPS = 1e-5;
    private static final double FORWARD_TOLERANCE = 1e-5;
    private static final double GRADIENT_TOLERANCE = 1e-4;

    static Stream<Arguments> everyModeLayersDirections() {
        List<Arguments> cases = new ArrayList<>();
        for (RnnMode mode : RnnMode.values()) {
            for (int layers = 1; layers <= 3; layers++) {
                for (boolean bidirectional : new boolean[] {false, true}) cases.add(Arguments.of(mode, layers, bidirectional));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} layers={1} bidirectional={2}")
    @MethodSource("everyModeLayersDirections")
    void gradientsMatchFiniteDifferences(RnnMode mode, int layers, boolean bidirectional) {
        long seed = 31L * mode.ordinal() + 7L * layers + (bidirectional ? 1 : 0);
        Random rnd = new Random(seed);
        RnnBiasMode bias = RnnBiasMode.values()[(int) (seed % RnnBiasMode.values().length)];
        RnnDescriptor rnn = new RnnDescriptor(mode, layers, bidirectional, 3, 2 + rnd.nextInt(3), bias, 0f, 0L);
        RnnDataLayout layout = rnd.nextBoolean() ? RnnDataLayout.SEQ_MAJOR : RnnDataLayout.BATCH_MAJOR;
        RnnProblem p = RnnProblem.random(rnd, rnn, RnnProblem.raggedBatch(rnd, 4, 3, 3, layout), true);
        check(p, null);
    }

    @Test
    void fullVectorBlockAndTailMatchFiniteDifferences() {
        Random rnd = new Random(5);
        for (RnnMode mode : RnnMode.values()) {
            RnnDescriptor rnn = new RnnDescriptor(mode, 1, true, 2, 17, RnnBiasMode.DOUBLE_BIAS, 0f, 0L);
            check(RnnProblem.random(rnd, rnn, RnnProblem.raggedBatch(rnd, 3, 2, 2, RnnDataLayout.SEQ_MAJOR), true), null);
        }
    }

    @Test
    void zeroInitialStatesAndSequencesShorterThanTheMaxLength() {
        Random rnd = new Random(11);
        for (RnnMode mode : RnnMode.values()) {
            RnnDescriptor rnn = new RnnDescriptor(mode, 2, true, 2, 3, RnnBiasMode.DOUBLE_BIAS, 0f, 0L);
            // no sequence reaches the max length: the last steps have no active rows at all
            RnnDataDescriptor xDesc = new RnnDataDescriptor(5, 3, 2, new int[] {2, 3, 1}, RnnDataLayout.BATCH_MAJOR);
            check(RnnProblem.random(rnd, rnn, xDesc, false), null);
        }
    }

    @Test
    void dropoutMaskFollowsTheDocumentedSchemeInForwardAndBackward() {
        Random rnd = new Random(3);
        for (RnnMode mode : RnnMode.values()) {
            RnnDescriptor rnn = new RnnDescriptor(mode, 3, true, 2, 3, RnnBiasMode.DOUBLE_BIAS, 0.4f, 1234L + mode.ordinal());
            RnnDataDescriptor xDesc = RnnProblem.raggedBatch(rnd, 4, 3, 2, RnnDataLayout.SEQ_MAJOR);
            long stream = CounterRandom.bits(rnn.dropoutSeed(), 0); // the first forward(TRAINING) of a fresh plan
            int width = rnn.outputSize();
            ReferenceRnn.DropoutScale scale = (l, t, b, j) -> CounterRandom.dropoutScale(stream,
                    (long) l * xDesc.maxSeqLength() * xDesc.batchSize() * width + ((long) t * xDesc.batchSize() + b) * width + j,
                    rnn.dropout());
            check(RnnProblem.random(rnd, rnn, xDesc, true), scale);
        }
    }

    private static void check(RnnProblem p, ReferenceRnn.DropoutScale dropout) {
        CpuRnnRun kernel = CpuRnnRun.of(p);
        ReferenceRnnGradients.Result ref = ReferenceFiniteDifferences.of(p, dropout, EPS);
        assertClose("y", kernel.y(), ref.forward().y(), FORWARD_TOLERANCE, p);
        assertClose("hy", kernel.hy(), ref.forward().hy(), FORWARD_TOLERANCE, p);
        if (ref.forward().cy() != null) assertClose("cy", kernel.cy(), ref.forward().cy(), FORWARD_TOLERANCE, p);
        assertClose("dx", kernel.dx(), ref.dx(), GRADIENT_TOLERANCE, p);
        assertClose("dhx", kernel.dhx(), ref.dhx(), GRADIENT_TOLERANCE, p);
        if (ref.dcx() != null) assertClose("dcx", kernel.dcx(), ref.dcx(), GRADIENT_TOLERANCE, p);
        assertClose("dw", kernel.dw(), ref.dw(), GRADIENT_TOLERANCE, p);
    }

    static void assertClose(String what, float[] actual, double[] expected, double tolerance, Object context) {
        double err = Norms.relativeError(actual, expected);
        assertTrue(err <= tolerance, what + ": relative error " + err + " > " + tolerance + " for " + context);
    }
}

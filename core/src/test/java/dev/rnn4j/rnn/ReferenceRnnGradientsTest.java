package dev.rnn4j.rnn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnn4j.testing.FiniteDifferences;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/**
 * The reference's back-propagation ({@link ReferenceRnnGradients}) against central finite differences of the
 * reference's own loss, both in double: every mode and bias mode, one and two layers, both directions and
 * layouts, ragged batches, with and without initial states. It is the gradient oracle of the PyTorch parity
 * tests, so it is checked here against the plainer one.
 */
class ReferenceRnnGradientsTest {

    private static final double TOLERANCE = 1e-7;
    private static final double EPS = 1e-5;

    @Test
    void backPropagationEqualsFiniteDifferencesOfTheReference() {
        Random rnd = new Random(23);
        for (RnnMode mode : RnnMode.values()) {
            for (RnnBiasMode bias : RnnBiasMode.values()) {
                for (int layers = 1; layers <= 2; layers++) {
                    boolean bidirectional = rnd.nextBoolean();
                    RnnDescriptor rnn = new RnnDescriptor(mode, layers, bidirectional, 3, 2 + rnd.nextInt(3), bias, 0f, 0L);
                    RnnDataLayout layout = rnd.nextBoolean() ? RnnDataLayout.SEQ_MAJOR : RnnDataLayout.BATCH_MAJOR;
                    check(RnnProblem.random(rnd, rnn, RnnProblem.raggedBatch(rnd, 4, 3, 3, layout), rnd.nextBoolean()));
                }
            }
        }
    }

    private static void check(RnnProblem p) {
        double[] x = RnnProblem.toDouble(p.x());
        double[] hx = p.hx() == null ? new double[p.stateCount()] : RnnProblem.toDouble(p.hx());
        double[] cx = p.cx() == null ? new double[p.stateCount()] : RnnProblem.toDouble(p.cx());
        double[] w = RnnProblem.toDouble(p.w());
        double[] gy = RnnProblem.toDouble(p.gy());
        double[] gh = RnnProblem.toDouble(p.gh());
        double[] gc = RnnProblem.toDouble(p.gc());
        ReferenceRnn ref = new ReferenceRnn(p.rnn());
        DoubleSupplier loss = () -> ref.forward(p.xDesc(), x, hx, cx, w, null).loss(gy, gh, gc);
        ReferenceRnnGradients.Result g = new ReferenceRnnGradients(p.rnn()).of(p.xDesc(), x, hx, cx, w, gy, gh, gc);
        assertClose("dx", g.dx(), FiniteDifferences.central(x, EPS, loss), p);
        assertClose("dhx", g.dhx(), FiniteDifferences.central(hx, EPS, loss), p);
        if (p.rnn().mode().hasCellState()) assertClose("dcx", g.dcx(), FiniteDifferences.central(cx, EPS, loss), p);
        assertClose("dw", g.dw(), FiniteDifferences.central(w, EPS, loss), p);
    }

    private static void assertClose(String what, double[] backPropagated, double[] finiteDifferences, RnnProblem p) {
        double err = Norms.relativeError(backPropagated, finiteDifferences);
        assertTrue(err <= TOLERANCE, what + ": back-propagation vs finite differences, relative error " + err + " > " + TOLERANCE + " for " + p);
    }
}

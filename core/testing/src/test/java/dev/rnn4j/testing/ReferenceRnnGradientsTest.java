package dev.rnn4j.testing;

import dev.rnn4j.rnn.RnnBiasMode;
import dev.rnn4j.rnn.RnnDataLayout;
import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.rnn.RnnMode;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
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
        RnnProblem.Widened d = p.widened();
        ReferenceRnnGradients.Result g = new ReferenceRnnGradients(p.rnn()).of(p.xDesc(), d.x(), d.hx(), d.cx(), d.w(), d.gy(), d.gh(), d.gc());
        ReferenceRnnGradients.Result fd = ReferenceFiniteDifferences.of(p, null, EPS);
        assertClose("dx", g.dx(), fd.dx(), p);
        assertClose("dhx", g.dhx(), fd.dhx(), p);
        if (fd.dcx() != null) assertClose("dcx", g.dcx(), fd.dcx(), p);
        assertClose("dw", g.dw(), fd.dw(), p);
    }

    private static void assertClose(String what, double[] backPropagated, double[] finiteDifferences, RnnProblem p) {
        double err = Norms.relativeError(backPropagated, finiteDifferences);
        assertTrue(err <= TOLERANCE, what + ": back-propagation vs finite differences, relative error " + err + " > " + TOLERANCE + " for " + p);
    }
}

package dev.rnn4j.testing;

import dev.rnn4j.testing.FiniteDifferences;
import java.util.function.DoubleSupplier;

/**
 * The reference's outputs and the gradients of its loss L = sum(y·gy) + sum(hy·gh) + sum(cy·gc) by central
 * finite differences with respect to every element of x, hx, cx and w: the plainest gradient oracle, for the
 * CPU kernel's gradient test and for the check of the reference's own back-propagation.
 */
public final class ReferenceFiniteDifferences {

    private ReferenceFiniteDifferences() {
    }

    /** dropout: none when null; eps: the finite-difference step. */
    public static ReferenceRnnGradients.Result of(RnnProblem p, ReferenceRnn.DropoutScale dropout, double eps) {
        RnnProblem.Widened d = p.widened();
        ReferenceRnn ref = new ReferenceRnn(p.rnn());
        DoubleSupplier loss = () -> ref.forward(p.xDesc(), d.x(), d.hx(), d.cx(), d.w(), dropout).loss(d.gy(), d.gh(), d.gc());
        return new ReferenceRnnGradients.Result(ref.forward(p.xDesc(), d.x(), d.hx(), d.cx(), d.w(), dropout),
                FiniteDifferences.central(d.x(), eps, loss), FiniteDifferences.central(d.hx(), eps, loss),
                p.rnn().mode().hasCellState() ? FiniteDifferences.central(d.cx(), eps, loss) : null, FiniteDifferences.central(d.w(), eps, loss));
    }
}

package dev.rnn4j.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnn4j.rnn.RnnDataLayout;
import dev.rnn4j.testing.FiniteDifferences;
import dev.rnn4j.testing.ReferenceFirst;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The training reference's back-propagated gradient against central finite differences of its own loss, both in
 * double, in both data layouts, with a vocabulary larger than the batch uses (rows that must get zero gradient).
 */
class ReferenceEmbeddingLstmDenseTest {

    @Test
    void gradientEqualsFiniteDifferencesOfTheLoss() {
        for (RnnDataLayout layout : RnnDataLayout.values()) {
            int vocab = 9, embed = 3, hidden = 4, classes = 5, steps = 4, batch = 2;
            var reference = new ReferenceEmbeddingLstmDense(vocab, embed, hidden, classes, steps, batch, layout);
            var random = new SplittableRandom(layout.ordinal() + 5);
            double[] p = reference.parameters(uniform(random, vocab * embed), uniform(random, (int) reference.lstm().weightLayout().size()),
                    uniform(random, classes * hidden), uniform(random, classes));
            int[] ids = random.ints(steps * batch, 0, vocab - 2).toArray();
            int[] labels = random.ints(steps * batch, 0, classes).toArray();
            double[] backPropagated = reference.gradient(p, ids, labels);
            double[] finiteDifferences = FiniteDifferences.central(p, 1e-5, () -> reference.loss(p, ids, labels));
            double err = ReferenceFirst.relativeNormError(backPropagated, finiteDifferences);
            assertTrue(err <= 1e-7, layout + ": back-propagation vs finite differences, relative error " + err);
        }
    }

    private static float[] uniform(SplittableRandom random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (random.nextDouble() * 2 - 1);
        return v;
    }
}

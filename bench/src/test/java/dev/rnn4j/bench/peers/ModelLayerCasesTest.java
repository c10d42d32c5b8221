package dev.rnn4j.bench.peers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnn4j.testing.FiniteDifferences;
import dev.rnn4j.testing.PyTorchDefects;
import dev.rnn4j.testing.ReferenceFirst;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The model-layer cases compute what they claim on small shapes, each side judged against a double-precision
 * reference first: the char-LM through {@code Model.fit} gives {@link CharLmCheck}'s reference losses over three
 * Adam steps; the classifier's reference ({@link ClassifierReference}) has the gradient of its own finite
 * differences, and both the model layer's and PyTorch's loss and gradients equal it; the {@code # check} lines say
 * ok for both sides; the fresh-tape steps (the "before" side of the timings) give the fit steps' losses.
 */
class ModelLayerCasesTest {

    private static final ReferenceFirst.Distance MAX_RELATIVE = new ReferenceFirst.Distance("max|a - e| / max|e|", RelativeError::of, 1e-5);
    @RegisterExtension
    static final PeerSides SIDES = new PeerSides();

    @Test
    void charLmThroughFitGivesTheReferenceLosses() {
        var problem = CharLmCheck.small(8);
        float[] ours;
        float[] theirs;
        try (var model = new ModelCharLm(SIDES.backend(), problem); var pytorch = new TorchCharLm(SIDES.torch(), problem)) {
            ours = CharLmCheck.losses(model::step);
            theirs = CharLmCheck.losses(pytorch::step);
        }
        ReferenceFirst.check("char-LM losses through Model.fit over " + CharLmCheck.STEPS + " Adam steps", CharLmCheck.referenceLosses(problem), ours, theirs,
                ReferenceFirst.Distance.elementwise(0, 1e-5), PyTorchDefects.RNN);
    }

    @Test
    void freshTapeStepsGiveTheFitStepsLosses() {
        var lm = CharLmCheck.small(6);
        try (var fit = new ModelCharLm(SIDES.backend(), lm); var fresh = new ModelCharLm(SIDES.backend(), lm)) {
            assertArrayEquals(CharLmCheck.losses(fit::step), CharLmCheck.losses(fresh::freshTapeStep), "char-LM");
        }
        var classifier = ClassifierProblem.small(6);
        try (var fit = new ModelClassifier(SIDES.backend(), classifier); var fresh = new ModelClassifier(SIDES.backend(), classifier)) {
            assertArrayEquals(CharLmCheck.losses(fit::step), CharLmCheck.losses(fresh::freshTapeStep), "classifier");
        }
    }

    @Test
    void classifierReferenceGradientIsItsFiniteDifferences() {
        var reference = new ClassifierReference(ClassifierProblem.small(3));
        double[] p = reference.parameters();
        double[] analytic = reference.gradient(p);
        double[] numeric = FiniteDifferences.central(p, 1e-6, () -> reference.loss(p));
        double worst = 0;
        double scale = Arrays.stream(numeric).map(Math::abs).max().orElse(0);
        for (int i = 0; i < p.length; i++) worst = Math.max(worst, Math.abs(analytic[i] - numeric[i]));
        assertTrue(scale > 1e-3 && worst <= 1e-7 * Math.max(1, scale), "max |analytic - numeric| " + worst + " (largest gradient " + scale + ")");
    }

    @Test
    void classifierSidesGiveTheReferenceLossAndGradients() {
        var problem = ClassifierProblem.small(4);
        var reference = new ClassifierReference(problem);
        double[] p = reference.parameters();
        double[] expected = new double[p.length + 1];
        expected[0] = reference.loss(p);
        System.arraycopy(reference.gradient(p), 0, expected, 1, p.length);
        float[] ours;
        float[] theirs;
        try (var model = new ModelClassifier(SIDES.backend(), problem); var pytorch = new TorchClassifier(SIDES.torch(), problem)) {
            ours = model.lossAndGradient();
            theirs = pytorch.lossAndGradient();
        }
        ReferenceFirst.check("classifier [loss, gradient of every parameter] on a ragged batch", expected, ours, theirs, MAX_RELATIVE, PyTorchDefects.RNN);
    }

    @Test
    void checkLinesSayOkForBothSides() {
        var lm = CharLmCheck.small(9);
        var classifier = ClassifierProblem.small(9);
        try (var model = new ModelClassifier(SIDES.backend(), classifier); var pytorch = new TorchClassifier(SIDES.torch(), classifier)) {
            float[] ours = {model.step()};
            float[] theirs = {pytorch.step()};
            String line = ModelClassifierCase.checkLine(SIDES.backend(), SIDES.torch(), classifier, ours, theirs, 9);
            System.out.println(line);
            assertTrue(line.startsWith("# check classifier-fit ") && line.contains("rnn4j vs double ref small_loss=") && line.contains(" ok; pytorch vs double ref")
                    && !line.contains("WRONG"), line);
        }
        try (var model = new ModelCharLm(SIDES.backend(), lm)) {
            float[] losses = CharLmCheck.losses(model::step);
            String line = ModelCharLmCase.checkLine(SIDES.backend(), SIDES.torch(), lm, losses, losses, losses, 9);
            System.out.println(line);
            assertTrue(line.startsWith("# check charlm-fit ") && line.contains("rnn4j vs double ref small_losses=") && !line.contains("WRONG"), line);
        }
    }
}

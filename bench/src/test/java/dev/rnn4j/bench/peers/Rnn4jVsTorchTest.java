package dev.rnn4j.bench.peers;

import dev.rnn4j.testing.ReferenceRnn;
import dev.rnn4j.testing.ReferenceEmbeddingLstmDense;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnn4j.rnn.RnnMode;
import dev.rnn4j.testing.PyTorchDefects;
import dev.rnn4j.testing.ReferenceFirst;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The two sides of the peer runner compute the same thing on a tiny shape, each judged against the
 * double-precision reference first and then against the other: y and the weight gradients against core's
 * ReferenceRnn and its back-propagation (max|a − e| / max|e| ≤ 1e-5), and the char-LM step's losses over three
 * Adam steps against ReferenceEmbeddingLstmDense (each within 1e-5 relative). The {@code # check} lines the
 * runner prints for these say ok for both sides.
 */
class Rnn4jVsTorchTest {

    private static final RnnShape TINY = new RnnShape(5, 3, 4, 6);
    private static final ReferenceFirst.Distance MAX_RELATIVE = new ReferenceFirst.Distance("max|a - e| / max|e|", RelativeError::of, 1e-5);
    @RegisterExtension
    static final PeerSides SIDES = new PeerSides();

    @ParameterizedTest
    @EnumSource(value = RnnMode.class, names = {"LSTM", "GRU", "RNN_TANH"})
    void sameOutputAndWeightGradients(RnnMode mode) {
        var problem = RnnProblem.random(mode, TINY, 11);
        try (var ours = new Rnn4jRnn(SIDES.backend(), problem); var theirs = new TorchRnn(SIDES.torch(), problem)) {
            var outputs = RnnCheck.Outputs.of(ours, theirs);
            ReferenceFirst.check(mode + " y", RnnReference.y(problem), outputs.rnn4jY(), outputs.pytorchY(), MAX_RELATIVE, PyTorchDefects.RNN);
            ReferenceFirst.check(mode + " dW", RnnReference.weightGradients(problem), outputs.rnn4jDw(), outputs.pytorchDw(), MAX_RELATIVE,
                    PyTorchDefects.RNN);
            String line = RnnCheck.line(SIDES.backend(), SIDES.torch(), mode.name(), problem, outputs, 11);
            System.out.println(line);
            assertTrue(line.contains(": rnn4j vs double ref y=") && line.contains(" ok; pytorch vs double ref y=")
                    && line.contains(" ok; rnn4j vs pytorch rel_err_y=") && !line.contains("WRONG"), line);
        }
    }

    @Test
    void charLmStepsGiveTheSameLosses() {
        var problem = CharLmCheck.small(5);
        float[] ours;
        float[] theirs;
        try (var rnn4j = new Rnn4jCharLm(SIDES.backend(), problem); var pytorch = new TorchCharLm(SIDES.torch(), problem)) {
            ours = CharLmCheck.losses(rnn4j::step);
            theirs = CharLmCheck.losses(pytorch::step);
        }
        ReferenceFirst.check("char-LM losses over " + CharLmCheck.STEPS + " Adam steps (index = step - 1)", CharLmCheck.referenceLosses(problem),
                ours, theirs, ReferenceFirst.Distance.elementwise(0, 1e-5), PyTorchDefects.RNN);
        String line = CharLmCheck.line(SIDES.backend(), SIDES.torch(), problem, ours, theirs, 5);
        System.out.println(line);
        assertTrue(line.startsWith("# check charlm-train ") && !line.contains("WRONG") && line.contains("pytorch vs double ref small_losses="), line);
    }
}

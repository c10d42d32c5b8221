package dev.rnn4j.bench.peers;

import dev.rnn4j.backend.Backends;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.rnn4j.backend.Backend;
import dev.rnn4j.rnn.RnnMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The two sides of the peer runner compute the same thing on a tiny shape: y and the weight gradients of
 * rnn4j's side equal PyTorch's (so the timed comparison compares equal work), and the char-LM step gives
 * the same losses over a few Adam steps.
 */
class Rnn4jVsTorchTest {

    private static final RnnShape TINY = new RnnShape(5, 3, 4, 6);
    private static NDManager torch;
    private static Backend backend;

    @BeforeAll
    static void open() {
        torch = NDManager.newBaseManager("PyTorch");
        backend = Backends.cpu();
    }

    @AfterAll
    static void close() {
        backend.close();
        torch.close();
    }

    @ParameterizedTest
    @EnumSource(value = RnnMode.class, names = {"LSTM", "GRU", "RNN_TANH"})
    void sameOutputAndWeightGradients(RnnMode mode) {
        var problem = RnnProblem.random(mode, TINY, 11);
        try (var ours = new Rnn4jRnn(backend, problem); var theirs = new TorchRnn(torch, problem)) {
            double y = RelativeError.of(ours.forward(), theirs.forward());
            double dw = RelativeError.of(ours.weightGradients(), theirs.weightGradients());
            assertTrue(y < 1e-5, mode + ": rel err of y " + y);
            assertTrue(dw < 1e-5, mode + ": rel err of dW " + dw);
        }
    }

    @Test
    void charLmStepsGiveTheSameLosses() {
        var problem = CharLmProblem.random(11, 5, 7, 6, 3, 5);
        try (var ours = new Rnn4jCharLm(backend, problem); var theirs = new TorchCharLm(torch, problem)) {
            for (int step = 1; step <= 3; step++) {
                float a = ours.step();
                float b = theirs.step();
                assertTrue(Math.abs(a - b) <= 1e-5 * Math.abs(b), "step " + step + ": rnn4j loss " + a + " vs pytorch " + b);
            }
        }
    }
}

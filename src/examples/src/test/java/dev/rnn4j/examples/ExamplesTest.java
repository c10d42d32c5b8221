package dev.rnn4j.examples;

import dev.rnn4j.backend.Backends;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnn4j.backend.Backend;
import org.junit.jupiter.api.Test;

/** Runs the examples in src/examples so they keep compiling and working. */
class ExamplesTest {

    @Test
    void lstmOnTheBackendProducesRecurrentWeightGradients() {
        try (Backend backend = Backends.cpu()) {
            double norm = LstmOnTheBackend.run(backend);
            assertTrue(norm > 1e-3 && Double.isFinite(norm), "gradient norm " + norm);
        }
    }

    @Test
    void negationSentimentExampleLearnsTheTask() {
        try (Backend backend = Backends.cpu()) {
            double accuracy = NegationSentimentExample.run(backend, 8);
            assertTrue(accuracy >= 0.9, "held-out accuracy " + accuracy);
        }
    }
}

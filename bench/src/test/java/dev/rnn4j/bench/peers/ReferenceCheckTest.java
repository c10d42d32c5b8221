package dev.rnn4j.bench.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code # check} line: both sides against the double reference, a side off it named WRONG, the cross-check last. */
class ReferenceCheckTest {

    private static List<Map.Entry<String, Double>> errors(double y, double dw) {
        return List.of(Map.entry("y", y), Map.entry("small_dW", dw));
    }

    @Test
    void bothSidesOk() {
        var rnn4j = new ReferenceCheck(ReferenceCheck.Side.RNN4J, errors(3.1e-7, 1.2e-6));
        var pytorch = new ReferenceCheck(ReferenceCheck.Side.PYTORCH, errors(3.3e-7, 1e-5));
        assertEquals("# check lstm T=1 B=1 I=1 H=1: rnn4j vs double ref y=3.10e-07 small_dW=1.20e-06 ok;"
                + " pytorch vs double ref y=3.30e-07 small_dW=1.00e-05 ok; rnn4j vs pytorch rel_err_y=2.00e-07",
                ReferenceCheck.line("lstm", "T=1 B=1 I=1 H=1", rnn4j, pytorch, "rel_err_y=2.00e-07"));
    }

    @Test
    void aWrongPyTorchIsNamedAndTheTimingsAreStillShown() {
        var pytorch = new ReferenceCheck(ReferenceCheck.Side.PYTORCH, errors(0.54, 2e-6));
        assertFalse(pytorch.ok());
        assertEquals("pytorch vs double ref y=5.40e-01 small_dW=2.00e-06 WRONG (PyTorch's own result, not rnn4j's: PyTorch's oneDNN"
                + " on this CPU, see the ISA in the header; timings still shown)", pytorch.text());
    }

    @Test
    void aWrongRnn4jIsNamedAndNanIsNotOk() {
        var rnn4j = new ReferenceCheck(ReferenceCheck.Side.RNN4J, errors(Double.NaN, 0));
        assertFalse(rnn4j.ok());
        assertTrue(rnn4j.text().endsWith("WRONG (rnn4j's own result: an rnn4j bug; timings still shown)"), rnn4j.text());
        assertTrue(rnn4j.text().contains("y=NaN"), rnn4j.text());
    }
}

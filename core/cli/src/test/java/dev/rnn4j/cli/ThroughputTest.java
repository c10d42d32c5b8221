package dev.rnn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The tokens/s of a run with the warm-up told apart: the steady state counts only the steps after the first ten. */
class ThroughputTest {

    private static final long S = 1_000_000_000L;

    @Test
    void steadyStateLeavesTheWarmUpOut() {
        Throughput t = new Throughput(0);
        t.stepDone(3 * S, 1000);                        // the first step: 3 s of JIT warm-up
        for (int i = 2; i <= 10; i++) t.stepDone(3 * S + (i - 1) * S / 10, 1000);
        for (int i = 11; i <= 30; i++) t.stepDone(3 * S + 9 * S / 10 + (i - 10) * S / 20, 1000); // 20 steps of 0.05 s
        assertEquals(30_000, t.tokens());
        assertEquals(List.of("steady state: 20.0k tokens/s over steps 11-30 (1.0 s),", "  warm-up: first step 3.0 s, first 10 steps 3.9 s"),
                t.describe());
    }

    @Test
    void aShortRunHasNoSteadyState() {
        Throughput t = new Throughput(5 * S);
        for (int i = 1; i <= 19; i++) t.stepDone(5 * S + i * S, 10);
        assertEquals(List.of("first step 1.0 s; too few steps for a steady-state figure"), t.describe());
        assertEquals(List.of("no steps"), new Throughput(0).describe());
    }
}

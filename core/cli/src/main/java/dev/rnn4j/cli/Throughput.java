package dev.rnn4j.cli;

import java.util.List;
import java.util.Locale;

/**
 * Tokens per second of a training run with its warm-up told apart: the first {@link #WARM_UP_STEPS} steps run while
 * the JIT compiles the kernels (the first step alone takes seconds without the launcher's ahead-of-time cache), so
 * the rate over the steps after them, the steady state, is what the machine sustains. Fed by the end of each step.
 */
final class Throughput {

    /** Steps counted as warm-up. */
    static final int WARM_UP_STEPS = 10;

    private final long startNanos;
    private long steps;
    private long tokens;
    private long lastNanos;
    private long warmUpEndNanos;
    private long warmUpTokens;
    private long firstStepNanos;

    /** A run whose training started at {@code startNanos} (System.nanoTime). */
    Throughput(long startNanos) {
        this.startNanos = startNanos;
        this.lastNanos = startNanos;
    }

    /** A step of {@code stepTokens} tokens ended at {@code nanos}. */
    void stepDone(long nanos, long stepTokens) {
        steps++;
        tokens += stepTokens;
        lastNanos = nanos;
        if (steps == 1) firstStepNanos = nanos - startNanos;
        if (steps == WARM_UP_STEPS) {
            warmUpEndNanos = nanos;
            warmUpTokens = tokens;
        }
    }

    long tokens() {
        return tokens;
    }

    /** Whether the run had steps after the warm-up to measure a steady state on (at least as many as the warm-up). */
    boolean hasSteadyState() {
        return steps >= 2L * WARM_UP_STEPS;
    }

    /**
     * "steady state: 44.1k tokens/s over steps 11-300 (41.3 s)," and "  warm-up: first step 2.6 s, first 10 steps 3.9 s"
     * (wrapped under 80 columns), or "first step 2.6 s; too few steps for a steady-state figure".
     */
    List<String> describe() {
        if (steps == 0) return List.of("no steps");
        String first = String.format(Locale.ROOT, "first step %.1f s", firstStepNanos / 1e9);
        if (!hasSteadyState()) return List.of(first + "; too few steps for a steady-state figure");
        double steadySeconds = (lastNanos - warmUpEndNanos) / 1e9;
        return TrainingSummary.wrap("steady state: ", List.of(
                String.format(Locale.ROOT, "%s tokens/s over steps %d-%,d (%.1f s)", TrainingSummary.compact((tokens - warmUpTokens) / Math.max(steadySeconds, 1e-9)),
                        WARM_UP_STEPS + 1, steps, steadySeconds),
                "warm-up: " + first, String.format(Locale.ROOT, "first %d steps %.1f s", WARM_UP_STEPS, (warmUpEndNanos - startNanos) / 1e9)));
    }
}

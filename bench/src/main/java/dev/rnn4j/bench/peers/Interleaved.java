package dev.rnn4j.bench.peers;

import java.util.List;

/**
 * Medians of several sides timed in turns: after each side's warm-up runs, every repetition runs each side once,
 * in order on even repetitions and in reverse order on odd ones, so that a slow spell of the machine, and whatever
 * one side leaves behind for the next (caches, threads still spinning), falls on all sides alike (an A/B comparison
 * in one process). Only for rnn4j's sides: PyTorch's OpenMP threads spin for a while after each of its calls and
 * would slow whichever side ran next.
 */
record Interleaved(Timing timing) {

    /** The median milliseconds of each of {@code sides}, in order. */
    double[] medianMillis(List<Runnable> sides) {
        for (Runnable side : sides) timing.warmUp(side);
        double[][] ms = new double[sides.size()][timing.repetitions()];
        for (int r = 0; r < timing.repetitions(); r++) {
            for (int i = 0; i < sides.size(); i++) {
                int s = r % 2 == 0 ? i : sides.size() - 1 - i;
                long start = System.nanoTime();
                sides.get(s).run();
                ms[s][r] = (System.nanoTime() - start) / 1e6;
            }
        }
        double[] medians = new double[sides.size()];
        for (int s = 0; s < medians.length; s++) medians[s] = Timing.median(ms[s]);
        return medians;
    }
}

package dev.rnn4j.bench.peers;

import java.util.Arrays;

/**
 * Warm-up, then the median wall time of timed repetitions. The warm-up is at least {@code warmup} untimed runs and
 * lasts at least {@code warmupSeconds}: rnn4j's kernels are compiled by the JIT while they run, so a fixed small
 * number of runs can time a short case before C2 has compiled its loops (a JIT-compiled side measured half-warm,
 * which a training run leaves behind after its first seconds; the CLI prints that cold start apart). Both sides of
 * a case get the same warm-up.
 */
public record Timing(int warmup, double warmupSeconds, int repetitions) {

    public Timing {
        if (warmup < 0) throw new IllegalArgumentException("warmup must be >= 0, got " + warmup);
        if (!(warmupSeconds >= 0) || Double.isInfinite(warmupSeconds)) {
            throw new IllegalArgumentException("warmupSeconds must be >= 0, got " + warmupSeconds);
        }
        if (repetitions < 1) throw new IllegalArgumentException("repetitions must be >= 1, got " + repetitions);
    }

    /** {@code warmup} untimed runs, no time floor. */
    public Timing(int warmup, int repetitions) {
        this(warmup, 0, repetitions);
    }

    /** The untimed runs: at least {@code warmup} of them, and until {@code warmupSeconds} have passed. */
    public void warmUp(Runnable work) {
        long end = System.nanoTime() + (long) (warmupSeconds * 1e9);
        for (int i = 0; i < warmup || System.nanoTime() < end; i++) work.run();
    }

    /** Median milliseconds of {@code repetitions} runs of {@code work} after the warm-up ({@link #warmUp}). */
    public double medianMillis(Runnable work) {
        warmUp(work);
        double[] ms = new double[repetitions];
        for (int i = 0; i < repetitions; i++) {
            long start = System.nanoTime();
            work.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        return median(ms);
    }

    /** Median of the values (mean of the middle two for an even count). */
    public static double median(double[] values) {
        if (values.length == 0) throw new IllegalArgumentException("median of no values");
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}

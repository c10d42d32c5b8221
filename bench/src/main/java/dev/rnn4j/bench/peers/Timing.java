package dev.rnn4j.bench.peers;

import java.util.Arrays;

/** Warm-up, then the median wall time of timed repetitions. */
public record Timing(int warmup, int repetitions) {

    public Timing {
        if (warmup < 0) throw new IllegalArgumentException("warmup must be >= 0, got " + warmup);
        if (repetitions < 1) throw new IllegalArgumentException("repetitions must be >= 1, got " + repetitions);
    }

    /** Median milliseconds of {@code repetitions} runs of {@code work} after {@code warmup} untimed runs. */
    public double medianMillis(Runnable work) {
        for (int i = 0; i < warmup; i++) work.run();
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

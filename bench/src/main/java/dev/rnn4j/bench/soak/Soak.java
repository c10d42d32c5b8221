package dev.rnn4j.bench.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The soak loop: {@code steps} training steps, the memory sampled before the first and every {@code sampleEvery} after. */
public final class Soak {

    private Soak() {
    }

    /** Throws, naming the option, unless both counts are at least 1. */
    public static void requireCounts(long steps, long sampleEvery) {
        if (steps < 1) throw new IllegalArgumentException("--steps must be >= 1, got " + steps);
        if (sampleEvery < 1) throw new IllegalArgumentException("--sample-every must be >= 1, got " + sampleEvery);
    }

    /**
     * Runs the steps and returns the samples (step 0, every {@code sampleEvery} steps, and the last step);
     * each is also handed to {@code onSample} as soon as it is taken.
     */
    public static List<SoakSample> run(SoakTraining training, MemoryProbe probe, long steps, long sampleEvery, Consumer<SoakSample> onSample) {
        requireCounts(steps, sampleEvery);
        List<SoakSample> samples = new ArrayList<>();
        Consumer<SoakSample> record = s -> {
            samples.add(s);
            onSample.accept(s);
        };
        record.accept(new SoakSample(0, 0, Double.NaN, probe.sample()));
        long start = System.nanoTime();
        double lossSum = 0;
        long lossCount = 0;
        for (long step = 1; step <= steps; step++) {
            lossSum += training.step();
            lossCount++;
            if (step % sampleEvery == 0 || step == steps) {
                double seconds = (System.nanoTime() - start) / 1e9;
                record.accept(new SoakSample(step, seconds, lossSum / lossCount, probe.sample()));
                lossSum = 0;
                lossCount = 0;
            }
        }
        return samples;
    }
}

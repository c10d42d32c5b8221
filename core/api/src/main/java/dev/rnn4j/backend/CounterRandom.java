package dev.rnn4j.backend;

/**
 * A counter-based generator: the value for (seed, index) is a pure function of the two, so masks drawn in
 * parallel, on any thread or device, are identical. Mixing is SplitMix64's finaliser; the CUDA kernels
 * implement the same function bit for bit.
 */
public final class CounterRandom {

    private CounterRandom() {
    }

    /** 64 well-mixed bits for (seed, index). */
    public static long bits(long seed, long index) {
        long z = seed + (index + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform float in [0, 1) from the top 24 bits. */
    public static float uniform(long seed, long index) {
        return (bits(seed, index) >>> 40) * 0x1.0p-24f;
    }

    /** The dropout multiplier of element {@code index}: 0 with probability {@code rate}, else 1/(1-rate). */
    public static float dropoutScale(long seed, long index, float rate) {
        return uniform(seed, index) < rate ? 0f : 1f / (1f - rate);
    }
}

package dev.rnn4j.model.generate;

import dev.rnn4j.backend.CounterRandom;

/**
 * Picks a token from a vector of logits. {@code draw} is the index of the draw, so a seeded generator gives
 * the same sequence on every run and backend. Greedy ignores the randomness; the others sample from
 * softmax(logits / temperature), restricted to the k most likely tokens (top-k) or to the smallest set whose
 * probability reaches p (top-p, nucleus).
 */
public interface Sampler {

    int sample(float[] logits, long seed, long draw);

    static Sampler greedy() {
        return (logits, seed, draw) -> argmax(logits);
    }

    static Sampler temperature(float temperature) {
        return topK(Integer.MAX_VALUE, temperature);
    }

    static Sampler topK(int k, float temperature) {
        return topKTopP(k, 1.0, temperature);
    }

    static Sampler topP(double p, float temperature) {
        return topKTopP(Integer.MAX_VALUE, p, temperature);
    }

    /** Both restrictions: the k most likely tokens, then the smallest set of those whose probability reaches p. */
    static Sampler topKTopP(int k, double p, float temperature) {
        if (k < 1) throw new IllegalArgumentException("top-k needs k >= 1, got " + k);
        if (!(p > 0 && p <= 1)) throw new IllegalArgumentException("top-p needs p in (0, 1], got " + p);
        checkTemperature(temperature);
        return (logits, seed, draw) -> Sampling.sample(logits, temperature, k, p, CounterRandom.uniform(seed, draw));
    }

    private static void checkTemperature(float t) {
        if (!(t > 0f) || Float.isInfinite(t)) throw new IllegalArgumentException("temperature must be > 0, got " + t);
    }

    static int argmax(float[] logits) {
        if (logits.length == 0) throw new IllegalArgumentException("no logits to sample from");
        int best = 0;
        for (int i = 1; i < logits.length; i++) if (logits[i] > logits[best]) best = i;
        return best;
    }
}

package dev.rnn4j.bench.soak;

/**
 * One row of the soak: the memory after {@code step} training steps.
 *
 * @param seconds  wall time since the first step
 * @param meanLoss mean loss of the steps since the previous sample (NaN at step 0)
 */
public record SoakSample(long step, double seconds, double meanLoss, MemorySample memory) {
}

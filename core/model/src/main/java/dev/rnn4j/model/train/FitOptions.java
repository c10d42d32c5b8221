package dev.rnn4j.model.train;

import dev.rnn4j.tensor.Tensor;
import java.time.Duration;

/**
 * Keras' fit arguments, plus two limits Keras leaves to callbacks. {@code validationSplit} holds out the last
 * fraction of the data before shuffling; {@code validationData} gives separate validation data instead.
 * {@code seed} drives the shuffle order. {@code timeBudget} (null: none) ends training after the batch during
 * which it ran out; {@code steps} (0: no limit) after that many optimizer steps in all. {@code verbose}
 * (Keras' verbose, on by default) prints one line per epoch to standard output ({@link EpochReport}): the
 * epoch, its steps and time, the loss, metrics, validation results and learning rate.
 *
 * <pre>{@code FitOptions.defaults().epochs(10).batchSize(32).validationSplit(0.1).timeBudget(Duration.ofMinutes(5))}</pre>
 */
public record FitOptions(int epochs, int batchSize, boolean shuffle, double validationSplit, Dataset validationData, long seed,
                         Duration timeBudget, long steps, boolean verbose) {

    public FitOptions {
        if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        if (!(validationSplit >= 0 && validationSplit < 1)) throw new IllegalArgumentException("validation split must be in [0, 1), got " + validationSplit);
        if (validationData != null && validationSplit > 0) throw new IllegalArgumentException("give validation data or a validation split, not both");
        if (timeBudget != null && (timeBudget.isNegative() || timeBudget.isZero())) throw new IllegalArgumentException("time budget must be > 0, got " + timeBudget);
        if (steps < 0) throw new IllegalArgumentException("steps must be >= 0 (0: no limit), got " + steps);
    }

    /** 1 epoch, batch 32, shuffled, no validation, seed 0, no time budget, no step limit, a report per epoch. */
    public static FitOptions defaults() {
        return new FitOptions(1, 32, true, 0, null, 0L, null, 0, true);
    }

    public FitOptions epochs(int e) {
        return new FitOptions(e, batchSize, shuffle, validationSplit, validationData, seed, timeBudget, steps, verbose);
    }

    public FitOptions batchSize(int b) {
        return new FitOptions(epochs, b, shuffle, validationSplit, validationData, seed, timeBudget, steps, verbose);
    }

    public FitOptions shuffle(boolean s) {
        return new FitOptions(epochs, batchSize, s, validationSplit, validationData, seed, timeBudget, steps, verbose);
    }

    public FitOptions validationSplit(double v) {
        return new FitOptions(epochs, batchSize, shuffle, v, validationData, seed, timeBudget, steps, verbose);
    }

    /** Validation on host tensors x [N, ...] and y [N, ...]. */
    public FitOptions validationData(Tensor x, Tensor y) {
        if ((x == null) != (y == null)) throw new IllegalArgumentException("validation data needs both x and y");
        return validationData(x == null ? null : Dataset.of(x, y));
    }

    /** Validation on {@code data} (null: none), e.g. several inputs and targets. */
    public FitOptions validationData(Dataset data) {
        return new FitOptions(epochs, batchSize, shuffle, validationSplit, data, seed, timeBudget, steps, verbose);
    }

    public FitOptions seed(long s) {
        return new FitOptions(epochs, batchSize, shuffle, validationSplit, validationData, s, timeBudget, steps, verbose);
    }

    /** Stop after the batch during which {@code budget} ran out (null: no budget). */
    public FitOptions timeBudget(Duration budget) {
        return new FitOptions(epochs, batchSize, shuffle, validationSplit, validationData, seed, budget, steps, verbose);
    }

    /** Stop after {@code n} optimizer steps in all (0: no limit). */
    public FitOptions steps(long n) {
        return new FitOptions(epochs, batchSize, shuffle, validationSplit, validationData, seed, timeBudget, n, verbose);
    }

    /** Print a line per epoch to standard output (true, the default) or nothing (false). */
    public FitOptions verbose(boolean v) {
        return new FitOptions(epochs, batchSize, shuffle, validationSplit, validationData, seed, timeBudget, steps, v);
    }
}

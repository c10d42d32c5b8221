package dev.rnn4j.model.train;

import dev.rnn4j.tensor.Tensor;
import java.time.Duration;

/**
 * Keras' fit arguments, plus two limits Keras leaves to callbacks. {@code validationSplit} holds out the last
 * fraction of the data before shuffling; {@code validationData} gives separate validation data instead.
 * {@code seed} drives the shuffle order. {@code timeBudget} (null: none) ends training after the batch during
 * which it ran out; {@code steps} (0: no limit) after that many optimizer steps in this call. {@code verbose}
 * (Keras' verbose, on by default) prints one line per epoch to standard output ({@link EpochReport}): the
 * epoch, its steps and time, the loss, metrics, validation results and learning rate.
 * {@code initialEpoch} and {@code initialBatch} (Keras' {@code initial_epoch}, plus the batch within it) start
 * the loop there: a run resumed from a checkpoint at the position where it stopped takes the same batches in
 * the same order as the run that was not interrupted (the shuffle of each epoch depends only on the seed and
 * the epoch).
 *
 * <pre>{@code FitOptions.defaults().epochs(10).batchSize(32).validationSplit(0.1).timeBudget(Duration.ofMinutes(5))}</pre>
 */
public record FitOptions(int epochs, int batchSize, boolean shuffle, double validationSplit, Dataset validationData, long seed,
                         Duration timeBudget, long steps, boolean verbose, int initialEpoch, int initialBatch) {

    public FitOptions {
        if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        if (!(validationSplit >= 0 && validationSplit < 1)) throw new IllegalArgumentException("validation split must be in [0, 1), got " + validationSplit);
        if (validationData != null && validationSplit > 0) throw new IllegalArgumentException("give validation data or a validation split, not both");
        if (timeBudget != null && (timeBudget.isNegative() || timeBudget.isZero())) throw new IllegalArgumentException("time budget must be > 0, got " + timeBudget);
        if (steps < 0) throw new IllegalArgumentException("steps must be >= 0 (0: no limit), got " + steps);
        if (initialEpoch < 0 || initialBatch < 0) {
            throw new IllegalArgumentException("the initial epoch and batch must be >= 0, got epoch " + initialEpoch + ", batch " + initialBatch);
        }
        if (initialEpoch >= epochs) throw new IllegalArgumentException("initial epoch " + initialEpoch + " is not before the last epoch (" + epochs + " epochs)");
    }

    /** 1 epoch, batch 32, shuffled, no validation, seed 0, no time budget, no step limit, a report per epoch, from the start. */
    public static FitOptions defaults() {
        return new FitOptions(1, 32, true, 0, null, 0L, null, 0, true, 0, 0);
    }

    public FitOptions epochs(int e) {
        return new FitOptions(e, batchSize, shuffle, validationSplit, validationData, seed, timeBudget, steps, verbose, initialEpoch, initialBatch);
    }

    public FitOptions batchSize(int b) {
        return new FitOptions(epochs, b, shuffle, validationSplit, validationData, seed, timeBudget, steps, verbose, initialEpoch, initialBatch);
    }

    public FitOptions shuffle(boolean s) {
        return new FitOptions(epochs, batchSize, s, validationSplit, validationData, seed, timeBudget, steps, verbose, initialEpoch, initialBatch);
    }

    public FitOptions validationSplit(double v) {
        return new FitOptions(epochs, batchSize, shuffle, v, validationData, seed, timeBudget, steps, verbose, initialEpoch, initialBatch);
    }

    /** Validation on host tensors x [N, ...] and y [N, ...]. */
    public FitOptions validationData(Tensor x, Tensor y) {
        if ((x == null) != (y == null)) throw new IllegalArgumentException("validation data needs both x and y");
        return validationData(x == null ? null : Dataset.of(x, y));
    }

    /** Validation on {@code data} (null: none), e.g. several inputs and targets. */
    public FitOptions validationData(Dataset data) {
        return new FitOptions(epochs, batchSize, shuffle, validationSplit, data, seed, timeBudget, steps, verbose, initialEpoch, initialBatch);
    }

    public FitOptions seed(long s) {
        return new FitOptions(epochs, batchSize, shuffle, validationSplit, validationData, s, timeBudget, steps, verbose, initialEpoch, initialBatch);
    }

    /** Stop after the batch during which {@code budget} ran out (null: no budget). */
    public FitOptions timeBudget(Duration budget) {
        return new FitOptions(epochs, batchSize, shuffle, validationSplit, validationData, seed, budget, steps, verbose, initialEpoch, initialBatch);
    }

    /** Stop after {@code n} optimizer steps in all (0: no limit). */
    public FitOptions steps(long n) {
        return new FitOptions(epochs, batchSize, shuffle, validationSplit, validationData, seed, timeBudget, n, verbose, initialEpoch, initialBatch);
    }

    /** Print a line per epoch to standard output (true, the default) or nothing (false). */
    public FitOptions verbose(boolean v) {
        return new FitOptions(epochs, batchSize, shuffle, validationSplit, validationData, seed, timeBudget, steps, v, initialEpoch, initialBatch);
    }

    /**
     * Start at batch {@code batch} (0-based, in the epoch's shuffled order) of epoch {@code epoch} (0-based)
     * instead of the beginning: where a resumed run left off.
     */
    public FitOptions startAt(int epoch, int batch) {
        return new FitOptions(epochs, batchSize, shuffle, validationSplit, validationData, seed, timeBudget, steps, verbose, epoch, batch);
    }
}

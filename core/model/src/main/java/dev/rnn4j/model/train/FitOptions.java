package dev.rnn4j.model.train;

import dev.rnn4j.tensor.Tensor;

/**
 * Keras' fit arguments. {@code validationSplit} holds out the last fraction of (x, y) before shuffling;
 * {@code validationX/Y} give separate validation data instead. {@code seed} drives the shuffle order.
 *
 * <pre>{@code FitOptions.defaults().epochs(10).batchSize(32).validationSplit(0.1)}</pre>
 */
public record FitOptions(int epochs, int batchSize, boolean shuffle, double validationSplit,
                         Tensor validationX, Tensor validationY, long seed) {

    public FitOptions {
        if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        if (!(validationSplit >= 0 && validationSplit < 1)) throw new IllegalArgumentException("validation split must be in [0, 1), got " + validationSplit);
        if ((validationX == null) != (validationY == null)) throw new IllegalArgumentException("validation data needs both x and y");
        if (validationX != null && validationSplit > 0) throw new IllegalArgumentException("give validation data or a validation split, not both");
    }

    /** 1 epoch, batch 32, shuffled, no validation, seed 0. */
    public static FitOptions defaults() {
        return new FitOptions(1, 32, true, 0, null, null, 0L);
    }

    public FitOptions epochs(int e) {
        return new FitOptions(e, batchSize, shuffle, validationSplit, validationX, validationY, seed);
    }

    public FitOptions batchSize(int b) {
        return new FitOptions(epochs, b, shuffle, validationSplit, validationX, validationY, seed);
    }

    public FitOptions shuffle(boolean s) {
        return new FitOptions(epochs, batchSize, s, validationSplit, validationX, validationY, seed);
    }

    public FitOptions validationSplit(double v) {
        return new FitOptions(epochs, batchSize, shuffle, v, validationX, validationY, seed);
    }

    public FitOptions validationData(Tensor x, Tensor y) {
        return new FitOptions(epochs, batchSize, shuffle, validationSplit, x, y, seed);
    }

    public FitOptions seed(long s) {
        return new FitOptions(epochs, batchSize, shuffle, validationSplit, validationX, validationY, s);
    }
}

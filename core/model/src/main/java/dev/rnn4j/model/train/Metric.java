package dev.rnn4j.model.train;

/**
 * A streaming metric over host copies of predictions. {@code prediction} is row-major with {@code classes}
 * values per position (1 for a binary prediction); {@code target} has one value per position (class id or
 * 0/1); positions with {@code valid[i] == false} (padding) are skipped. Factories: {@link Metrics}.
 */
public interface Metric {

    String name();

    void reset();

    void update(float[] prediction, int classes, float[] target, boolean[] valid);

    double result();
}

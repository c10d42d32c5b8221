package dev.rnn4j.model.train;

import java.util.function.ToDoubleFunction;

/**
 * Classification metrics, all read from one streaming confusion matrix. The predicted class is the argmax
 * for multi-class predictions and {@code value >= threshold} for a single binary output (0.5 for
 * probabilities, 0 for logits).
 */
public final class Metrics {

    private Metrics() {
    }

    /** Fraction of positions whose predicted class equals the target (threshold 0.5 for binary outputs). */
    public static ConfusionMatrix accuracy() {
        return accuracy(0.5f);
    }

    public static ConfusionMatrix accuracy(float threshold) {
        return new ConfusionMatrix("accuracy", threshold, ConfusionMatrix::accuracy);
    }

    /** Precision of class {@code positive} (1 for binary tasks). */
    public static ConfusionMatrix precision(int positive, float threshold) {
        return new ConfusionMatrix("precision", threshold, m -> m.precision(positive));
    }

    public static ConfusionMatrix recall(int positive, float threshold) {
        return new ConfusionMatrix("recall", threshold, m -> m.recall(positive));
    }

    public static ConfusionMatrix f1(int positive, float threshold) {
        return new ConfusionMatrix("f1", threshold, m -> m.f1(positive));
    }

    /** The full matrix (its {@link ConfusionMatrix#result()} is the accuracy). */
    public static ConfusionMatrix confusionMatrix(float threshold) {
        return new ConfusionMatrix("confusion_accuracy", threshold, ConfusionMatrix::accuracy);
    }

    /** Counts of (true class, predicted class), growing as classes appear. */
    public static final class ConfusionMatrix implements Metric {
        private final String name;
        private final float threshold;
        private final ToDoubleFunction<ConfusionMatrix> reduce;
        private long[][] counts = new long[2][2];

        ConfusionMatrix(String name, float threshold, ToDoubleFunction<ConfusionMatrix> reduce) {
            this.name = name;
            this.threshold = threshold;
            this.reduce = reduce;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void reset() {
            counts = new long[2][2];
        }

        @Override
        public void update(float[] prediction, int classes, float[] target, boolean[] valid) {
            if (classes < 1 || prediction.length != (long) target.length * classes) {
                throw new IllegalArgumentException("prediction of " + prediction.length + " values does not fit " + target.length + " targets x " + classes + " classes");
            }
            for (int i = 0; i < target.length; i++) {
                if (valid != null && !valid[i]) continue;
                int predicted = classes == 1 ? (prediction[i] >= threshold ? 1 : 0) : argmax(prediction, i * classes, classes);
                int actual = Math.round(target[i]);
                if (actual < 0) throw new IllegalArgumentException("negative class " + actual + " at position " + i);
                grow(Math.max(predicted, actual) + 1);
                counts[actual][predicted]++;
            }
        }

        private static int argmax(float[] v, int from, int n) {
            int best = 0;
            for (int c = 1; c < n; c++) if (v[from + c] > v[from + best]) best = c;
            return best;
        }

        private void grow(int n) {
            if (n <= counts.length) return;
            long[][] g = new long[n][n];
            for (int i = 0; i < counts.length; i++) System.arraycopy(counts[i], 0, g[i], 0, counts.length);
            counts = g;
        }

        @Override
        public double result() {
            return reduce.applyAsDouble(this);
        }

        /** counts[true][predicted], a copy. */
        public long[][] matrix() {
            long[][] m = new long[counts.length][];
            for (int i = 0; i < counts.length; i++) m[i] = counts[i].clone();
            return m;
        }

        public double accuracy() {
            long right = 0, all = 0;
            for (int i = 0; i < counts.length; i++) {
                for (int j = 0; j < counts.length; j++) all += counts[i][j];
                right += counts[i][i];
            }
            return all == 0 ? 0 : (double) right / all;
        }

        public double precision(int c) {
            if (c >= counts.length) return 0;
            long predicted = 0;
            for (long[] row : counts) predicted += row[c];
            return predicted == 0 ? 0 : (double) counts[c][c] / predicted;
        }

        public double recall(int c) {
            if (c >= counts.length) return 0;
            long actual = 0;
            for (long v : counts[c]) actual += v;
            return actual == 0 ? 0 : (double) counts[c][c] / actual;
        }

        public double f1(int c) {
            double p = precision(c), r = recall(c);
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }
}

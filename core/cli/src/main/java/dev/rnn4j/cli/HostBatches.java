package dev.rnn4j.cli;

import dev.rnn4j.data.SequenceWindows;
import dev.rnn4j.model.train.Dataset;
import dev.rnn4j.tensor.TensorScope;

/** Datasets that copy the chosen rows of int arrays into host int32 tensors, batch by batch. */
final class HostBatches {

    private HostBatches() {
    }

    /** Language-model windows: x and y both [batch, seqLength]; every position counts as a token. */
    static Dataset windows(SequenceWindows w) {
        return new Dataset() {
            @Override
            public int size() {
                return w.count();
            }

            @Override
            public Batch batch(TensorScope scope, int[] rows) {
                int t = w.seqLength();
                return new Batch(scope.fromIntArray(gather(w.inputs(), rows, t), rows.length, t),
                        scope.fromIntArray(gather(w.targets(), rows, t), rows.length, t), (long) rows.length * t);
            }
        };
    }

    /** Padded sequences [batch, maxlen] with one class label each; non-padding ids count as tokens. */
    static Dataset labeled(int[][] x, int[] labels) {
        if (x.length != labels.length) throw new IllegalArgumentException(x.length + " sequences but " + labels.length + " labels");
        int maxlen = x.length == 0 ? 0 : x[0].length;
        return new Dataset() {
            @Override
            public int size() {
                return x.length;
            }

            @Override
            public Batch batch(TensorScope scope, int[] rows) {
                int[] y = new int[rows.length];
                long tokens = 0;
                for (int i = 0; i < rows.length; i++) {
                    y[i] = labels[rows[i]];
                    for (int id : x[rows[i]]) if (id != 0) tokens++;
                }
                return new Batch(scope.fromIntArray(gather(x, rows, maxlen), rows.length, maxlen), scope.fromIntArray(y, rows.length), tokens);
            }
        };
    }

    /** Rows {@code rows} of {@code data} (each {@code width} long), row-major. */
    static int[] gather(int[][] data, int[] rows, int width) {
        int[] flat = new int[rows.length * width];
        for (int i = 0; i < rows.length; i++) System.arraycopy(data[rows[i]], 0, flat, i * width, width);
        return flat;
    }
}

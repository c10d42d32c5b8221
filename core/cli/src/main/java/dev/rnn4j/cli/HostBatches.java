package dev.rnn4j.cli;

import dev.rnn4j.data.SequenceWindows;

/** Batch makers that copy the chosen rows of int arrays into host int32 tensors. */
final class HostBatches {

    private HostBatches() {
    }

    /** Language-model windows: x and y both [batch, seqLength]. */
    static TimedTraining.BatchMaker windows(SequenceWindows w) {
        return (scope, rows) -> {
            int t = w.seqLength();
            return new TimedTraining.Batch(
                    scope.fromIntArray(gather(w.inputs(), rows, t), rows.length, t),
                    scope.fromIntArray(gather(w.targets(), rows, t), rows.length, t),
                    (long) rows.length * t);
        };
    }

    /** Padded sequences [batch, maxlen] with one class label each. */
    static TimedTraining.BatchMaker labeled(int[][] x, int[] labels) {
        if (x.length != labels.length) throw new IllegalArgumentException(x.length + " sequences but " + labels.length + " labels");
        int maxlen = x.length == 0 ? 0 : x[0].length;
        return (scope, rows) -> {
            int[] y = new int[rows.length];
            long tokens = 0;
            for (int i = 0; i < rows.length; i++) {
                y[i] = labels[rows[i]];
                for (int id : x[rows[i]]) if (id != 0) tokens++;
            }
            return new TimedTraining.Batch(scope.fromIntArray(gather(x, rows, maxlen), rows.length, maxlen), scope.fromIntArray(y, rows.length), tokens);
        };
    }

    /** Rows {@code rows} of {@code data} (each {@code width} long), row-major. */
    static int[] gather(int[][] data, int[] rows, int width) {
        int[] flat = new int[rows.length * width];
        for (int i = 0; i < rows.length; i++) System.arraycopy(data[rows[i]], 0, flat, i * width, width);
        return flat;
    }
}

package dev.rnn4j.model.train;

import dev.rnn4j.tensor.Shapes;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;
import java.util.List;
import java.util.Objects;

/**
 * Training data addressed by example index, assembled into host batches on demand (Keras' {@code Sequence} /
 * {@code PyDataset}): {@link dev.rnn4j.model.Model#fit(Dataset, FitOptions, Callback...)} asks for the rows of each
 * batch, so data too large to hold as one tensor (text windows, padded sequences) never needs to be. A batch
 * holds one tensor per model input and one target per output that has a loss (Keras' lists of x and y); the
 * common case is one of each ({@link Batch#x()}, {@link Batch#y()}).
 */
public interface Dataset {

    /**
     * One batch of host tensors: the model's inputs, the targets (one per output that has a loss, in output order;
     * none for prediction) and how many elements it counts for throughput (tokens; by default the first input's
     * elements).
     */
    record Batch(List<Tensor> inputs, List<Tensor> targets, long elements) {

        public Batch {
            if (inputs == null || inputs.isEmpty()) throw new IllegalArgumentException("a batch needs at least one input tensor");
            for (int i = 0; i < inputs.size(); i++) Objects.requireNonNull(inputs.get(i), "input " + i);
            Objects.requireNonNull(targets, "targets");
            for (int i = 0; i < targets.size(); i++) Objects.requireNonNull(targets.get(i), "target " + i);
            inputs = List.copyOf(inputs);
            targets = List.copyOf(targets);
            if (elements < 0) throw new IllegalArgumentException("elements must be >= 0, got " + elements);
        }

        public Batch(List<Tensor> inputs, List<Tensor> targets) {
            this(inputs, targets, inputs == null || inputs.isEmpty() || inputs.getFirst() == null ? 0 : inputs.getFirst().elementCount());
        }

        /** One input x and one target y. */
        public Batch(Tensor x, Tensor y, long elements) {
            this(List.of(Objects.requireNonNull(x, "x")), List.of(Objects.requireNonNull(y, "y")), elements);
        }

        public Batch(Tensor x, Tensor y) {
            this(x, y, Objects.requireNonNull(x, "x").elementCount());
        }

        /** The input of a batch with one input. */
        public Tensor x() {
            return only(inputs, "input");
        }

        /** The target of a batch with one target. */
        public Tensor y() {
            return only(targets, "target");
        }

        private static Tensor only(List<Tensor> tensors, String what) {
            if (tensors.size() != 1) throw new IllegalStateException("the batch has " + tensors.size() + " " + what + "s; read them with " + what + "s()");
            return tensors.getFirst();
        }
    }

    /** The number of examples. */
    int size();

    /** The examples {@code rows} (indices in {@code [0, size())}) as host tensors allocated in {@code scope}. */
    Batch batch(TensorScope scope, int[] rows);

    /** Examples {@code [from, to)} of this dataset, renumbered from 0. */
    default Dataset range(int from, int to) {
        Objects.checkFromToIndex(from, to, size());
        Dataset all = this;
        return new Dataset() {
            @Override
            public int size() {
                return to - from;
            }

            @Override
            public Batch batch(TensorScope scope, int[] rows) {
                int[] shifted = new int[rows.length];
                for (int i = 0; i < rows.length; i++) shifted[i] = from + Objects.checkIndex(rows[i], to - from);
                return all.batch(scope, shifted);
            }
        };
    }

    /** In-memory data: host tensors x [N, ...] and y [N, ...], rows copied into each batch. */
    static Dataset of(Tensor x, Tensor y) {
        return of(List.of(requireData(x, "x")), List.of(requireData(y, "y")));
    }

    /**
     * In-memory data with several inputs and targets: host tensors [N, ...] each (targets may be empty, for
     * prediction), rows copied into each batch.
     */
    static Dataset of(List<Tensor> inputs, List<Tensor> targets) {
        if (inputs == null || inputs.isEmpty()) throw new IllegalArgumentException("a dataset needs at least one input tensor");
        Objects.requireNonNull(targets, "targets");
        List<Tensor> all = new java.util.ArrayList<>(inputs);
        all.addAll(targets);
        for (int i = 0; i < all.size(); i++) requireData(all.get(i), i < inputs.size() ? "input " + i : "target " + (i - inputs.size()));
        long n = inputs.getFirst().dim(0);
        for (int i = 1; i < all.size(); i++) {
            if (all.get(i).dim(0) != n) {
                String what = i < inputs.size() ? "input " + i : "target " + (i - inputs.size());
                throw new IllegalArgumentException((inputs.size() == 1 && targets.size() == 1 ? "x" : "input 0") + " has " + n + " samples but "
                        + (inputs.size() == 1 && targets.size() == 1 ? "y" : what) + " has " + all.get(i).dim(0));
            }
        }
        int size = Math.toIntExact(n);
        List<Tensor> xs = List.copyOf(inputs), ys = List.copyOf(targets);
        return new Dataset() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Batch batch(TensorScope scope, int[] rows) {
                for (int r : rows) Objects.checkIndex(r, size);
                return new Batch(xs.stream().map(t -> Batches.gather(scope, t, rows, 0, rows.length)).toList(),
                        ys.stream().map(t -> Batches.gather(scope, t, rows, 0, rows.length)).toList());
            }
        };
    }

    /**
     * Padded token ids, one row per example (rows of one length: pad them with
     * {@link dev.rnn4j.data.PadSequences}), and one class label each; batches are int32 [batch, T] and [batch],
     * built from the arrays on demand. Every id counts as an element.
     */
    static Dataset of(int[][] x, int[] y) {
        Shapes.ofRows(x);
        requireLabels(y, x.length);
        return labeled(y, (scope, rows) -> {
            int[][] picked = new int[rows.length][];
            for (int i = 0; i < rows.length; i++) picked[i] = x[rows[i]];
            return scope.fromIntArray(picked);
        });
    }

    /** Float sequences [N][T][F] (all of one shape) and one class label each; batches are float32 [batch, T, F] and int32 [batch]. */
    static Dataset of(float[][][] x, int[] y) {
        Shapes.ofSequences(x);
        requireLabels(y, x.length);
        return labeled(y, (scope, rows) -> {
            float[][][] picked = new float[rows.length][][];
            for (int i = 0; i < rows.length; i++) picked[i] = x[rows[i]];
            return scope.fromArray(picked);
        });
    }

    /** Examples with one label each in {@code y}; {@code inputsOf} makes the input tensor of checked rows. */
    private static Dataset labeled(int[] y, java.util.function.BiFunction<TensorScope, int[], Tensor> inputsOf) {
        return new Dataset() {
            @Override
            public int size() {
                return y.length;
            }

            @Override
            public Batch batch(TensorScope scope, int[] rows) {
                int[] labels = new int[rows.length];
                for (int i = 0; i < rows.length; i++) labels[i] = y[Objects.checkIndex(rows[i], y.length)];
                return new Batch(inputsOf.apply(scope, rows), scope.fromIntArray(labels, rows.length));
            }
        };
    }

    private static Tensor requireData(Tensor t, String what) {
        Batches.requireHostData(t, what);
        return t;
    }

    private static void requireLabels(int[] y, int n) {
        if (y == null) throw new IllegalArgumentException("labels y are null");
        if (y.length != n) throw new IllegalArgumentException("x has " + n + " samples but y has " + y.length);
        if (n < 1) throw new IllegalArgumentException("empty data: x has no rows");
    }
}

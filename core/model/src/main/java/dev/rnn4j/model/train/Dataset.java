package dev.rnn4j.model.train;

import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;
import java.util.Objects;

/**
 * Training data addressed by example index, assembled into host batches on demand (Keras' {@code Sequence} /
 * {@code PyDataset}): {@link dev.rnn4j.model.Model#fit(Dataset, FitOptions, Callback...)} asks for the rows of each
 * batch, so data too large to hold as one tensor (text windows, padded sequences) never needs to be.
 */
public interface Dataset {

    /** One batch of host tensors and how many elements it counts for throughput (tokens, by default x's elements). */
    record Batch(Tensor x, Tensor y, long elements) {

        public Batch {
            Objects.requireNonNull(x, "x");
            Objects.requireNonNull(y, "y");
            if (elements < 0) throw new IllegalArgumentException("elements must be >= 0, got " + elements);
        }

        public Batch(Tensor x, Tensor y) {
            this(x, y, x.elementCount());
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
        Batches.requireHostData(x, "x");
        Batches.requireHostData(y, "y");
        if (x.dim(0) != y.dim(0)) throw new IllegalArgumentException("x has " + x.dim(0) + " samples but y has " + y.dim(0));
        int n = Math.toIntExact(x.dim(0));
        return new Dataset() {
            @Override
            public int size() {
                return n;
            }

            @Override
            public Batch batch(TensorScope scope, int[] rows) {
                for (int r : rows) Objects.checkIndex(r, n);
                return new Batch(Batches.gather(scope, x, rows, 0, rows.length), Batches.gather(scope, y, rows, 0, rows.length));
            }
        };
    }
}

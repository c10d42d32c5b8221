package dev.rnn4j.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * Which steps of a sequence batch [B, T, ...] are valid: {@code lengths[b]} steps of row b, either at the start
 * of the row with the padding after them ({@link Padding#POST}, Keras' {@code pad_sequences(padding='post')}) or
 * at its end with the padding before them ({@link Padding#PRE}, {@code pad_sequences}' default). A mask with
 * holes (padding between valid steps) is not expressible; the layers that make masks reject it.
 */
public record SequenceMask(int[] lengths, Padding padding) {

    /** Where a row's padding lies. */
    public enum Padding {
        /** Valid steps first, padding after them. */
        POST,
        /** Padding first, valid steps at the end of the row. */
        PRE
    }

    public SequenceMask {
        Objects.requireNonNull(lengths, "lengths");
        Objects.requireNonNull(padding, "padding");
        for (int i = 0; i < lengths.length; i++) {
            if (lengths[i] < 0) throw new IllegalArgumentException("mask length of row " + i + " is negative: " + lengths[i]);
        }
        lengths = lengths.clone();
    }

    /** Answers whether step {@code step} of row {@code row} is padding. */
    @FunctionalInterface
    public interface PaddingTest {
        boolean isPadding(int row, int step);
    }

    /**
     * The mask of a batch of {@code rows} × {@code steps} whose padding steps {@code test} finds: each row's valid
     * steps must be contiguous and the padding on one side of them, the same side in every row (a row that is all
     * data or all padding fits either). Post-padded when no row says otherwise.
     *
     * @param what names the layer and its padding rule in errors, e.g. "Embedding emb (mask_zero: id 0 is padding)"
     */
    public static SequenceMask fromPadding(int rows, int steps, PaddingTest test, String what) {
        int[] lengths = new int[rows];
        int postRow = -1, preRow = -1;
        for (int r = 0; r < rows; r++) {
            int first = -1, last = -1;
            for (int s = 0; s < steps; s++) {
                if (test.isPadding(r, s)) continue;
                if (first < 0) first = s;
                else if (s != last + 1) {
                    throw new IllegalArgumentException(what + ": row " + r + " has padding at step " + (last + 1) + " between data at steps " + last + " and " + s
                            + "; a mask must be padded on one side of the data (pad_sequences padding='pre' or 'post')");
                }
                last = s;
            }
            if (first < 0) continue;
            lengths[r] = last - first + 1;
            if (first > 0 && last < steps - 1) {
                throw new IllegalArgumentException(what + ": row " + r + " is padded on both sides of its data (steps " + first + " to " + last + " of " + steps
                        + "); a mask must be padded on one side (pad_sequences padding='pre' or 'post')");
            }
            if (first > 0) preRow = r;
            else if (last < steps - 1) postRow = r;
        }
        if (preRow >= 0 && postRow >= 0) {
            throw new IllegalArgumentException(what + ": row " + postRow + " is padded after its data and row " + preRow
                    + " before it; pad every row of a batch on the same side (pad_sequences padding='pre' or 'post')");
        }
        return new SequenceMask(lengths, preRow >= 0 ? Padding.PRE : Padding.POST);
    }

    /** Post-padded lengths (valid steps at the start of each row). */
    public static SequenceMask post(int[] lengths) {
        return new SequenceMask(lengths, Padding.POST);
    }

    @Override
    public int[] lengths() {
        return lengths.clone();
    }

    public int length(int row) {
        return lengths[row];
    }

    public int rows() {
        return lengths.length;
    }

    public boolean prePadded() {
        return padding == Padding.PRE;
    }

    /** The first valid step of {@code row} in a batch of {@code steps} steps. */
    public int firstValid(int row, int steps) {
        return padding == Padding.POST ? 0 : steps - lengths[row];
    }

    /** Whether step {@code step} of {@code row} is valid, in a batch of {@code steps} steps. */
    public boolean valid(int row, int step, int steps) {
        int first = firstValid(row, steps);
        return step >= first && step < first + lengths[row];
    }

    /** The mask of the same batch read backwards in time: the padding changes sides. */
    public SequenceMask reversed() {
        return new SequenceMask(lengths, padding == Padding.POST ? Padding.PRE : Padding.POST);
    }

    /** Checks that every length fits a batch of {@code rows} rows and {@code steps} steps. */
    public void check(int rows, int steps, String what) {
        if (lengths.length != rows) throw new IllegalArgumentException(what + ": mask has " + lengths.length + " rows, the batch has " + rows);
        for (int i = 0; i < rows; i++) {
            if (lengths[i] > steps) throw new IllegalArgumentException(what + ": mask length " + lengths[i] + " of row " + i + " exceeds " + steps + " steps");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SequenceMask m && padding == m.padding && Arrays.equals(lengths, m.lengths);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(lengths) + padding.hashCode();
    }

    @Override
    public String toString() {
        return padding.name().toLowerCase() + "-padded " + Arrays.toString(lengths);
    }
}

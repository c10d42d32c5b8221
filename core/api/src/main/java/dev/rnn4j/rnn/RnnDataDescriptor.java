package dev.rnn4j.rnn;

import java.util.Arrays;
import java.util.Objects;

/**
 * cuDNN's RNN data descriptor: a padded batch of {@code batchSize} sequences of up to {@code maxSeqLength}
 * vectors of {@code vectorSize}, with each sequence's own length. Positions past a sequence's length are
 * padding: outputs there are zero and the final state is the state at the last valid step.
 */
public record RnnDataDescriptor(int maxSeqLength, int batchSize, int vectorSize, int[] seqLengths, RnnDataLayout layout) {

    public RnnDataDescriptor {
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(seqLengths, "seqLengths");
        if (maxSeqLength < 1) throw new IllegalArgumentException("maxSeqLength must be >= 1, got " + maxSeqLength);
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        if (vectorSize < 1) throw new IllegalArgumentException("vectorSize must be >= 1, got " + vectorSize);
        if (seqLengths.length != batchSize) {
            throw new IllegalArgumentException("seqLengths has " + seqLengths.length + " entries for batchSize " + batchSize);
        }
        for (int b = 0; b < batchSize; b++) {
            if (seqLengths[b] < 1 || seqLengths[b] > maxSeqLength) {
                throw new IllegalArgumentException("seqLengths[" + b + "] = " + seqLengths[b] + " is outside [1, " + maxSeqLength + "]");
            }
        }
        seqLengths = seqLengths.clone();
    }

    /** Every sequence of full length. */
    public static RnnDataDescriptor full(int maxSeqLength, int batchSize, int vectorSize, RnnDataLayout layout) {
        int[] lengths = new int[batchSize];
        Arrays.fill(lengths, maxSeqLength);
        return new RnnDataDescriptor(maxSeqLength, batchSize, vectorSize, lengths, layout);
    }

    @Override
    public int[] seqLengths() {
        return seqLengths.clone();
    }

    public int seqLength(int b) {
        return seqLengths[b];
    }

    /** Same lengths and layout, another vector size (e.g. the y descriptor of an x descriptor). */
    public RnnDataDescriptor withVectorSize(int newVectorSize) {
        return new RnnDataDescriptor(maxSeqLength, batchSize, newVectorSize, seqLengths, layout);
    }

    /** Shape of a tensor described by this descriptor. */
    public long[] shape() {
        return layout == RnnDataLayout.SEQ_MAJOR
                ? new long[] {maxSeqLength, batchSize, vectorSize}
                : new long[] {batchSize, maxSeqLength, vectorSize};
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RnnDataDescriptor d && d.maxSeqLength == maxSeqLength && d.batchSize == batchSize
                && d.vectorSize == vectorSize && d.layout == layout && Arrays.equals(d.seqLengths, seqLengths);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxSeqLength, batchSize, vectorSize, layout, Arrays.hashCode(seqLengths));
    }

    @Override
    public String toString() {
        return "RnnDataDescriptor[T=" + maxSeqLength + ", B=" + batchSize + ", F=" + vectorSize + ", layout=" + layout
                + ", seqLengths=" + Arrays.toString(seqLengths) + "]";
    }
}

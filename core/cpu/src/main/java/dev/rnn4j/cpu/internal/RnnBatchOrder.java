package dev.rnn4j.cpu.internal;

import dev.rnn4j.rnn.RnnDataDescriptor;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The batch sorted by decreasing sequence length (ties keep batch order), so that the sequences still
 * running at step t are the first {@code batchSize(t)} sorted rows. Packed buffers hold, time-major, only
 * those rows: the row of sorted sequence k at step t is {@code row(t, k) = stepOffset(t) + k}, and
 * {@link #rows()} is the sum of all sequence lengths. Nothing is computed or stored past a sequence's end.
 */
final class RnnBatchOrder {

    private final int[] sortedToBatch;
    private final int[] batchSizes;
    private final long[] stepOffsets;
    private final int[] lengths;
    private final RnnDataDescriptor descriptor;

    RnnBatchOrder(RnnDataDescriptor xDesc) {
        this.descriptor = xDesc;
        int batch = xDesc.batchSize();
        int steps = xDesc.maxSeqLength();
        this.lengths = xDesc.seqLengths();
        this.sortedToBatch = IntStream.range(0, batch).boxed()
                .sorted(Comparator.comparingInt((Integer b) -> -lengths[b]).thenComparingInt(b -> b))
                .mapToInt(Integer::intValue).toArray();
        this.batchSizes = new int[steps];
        this.stepOffsets = new long[steps + 1];
        for (int t = 0; t < steps; t++) {
            int active = 0;
            for (int length : lengths) {
                if (length > t) active++;
            }
            batchSizes[t] = active;
            stepOffsets[t + 1] = stepOffsets[t] + active;
        }
    }

    /** The x descriptor this order was made from. */
    RnnDataDescriptor descriptor() {
        return descriptor;
    }

    int steps() {
        return batchSizes.length;
    }

    int batch() {
        return sortedToBatch.length;
    }

    /** Sum of the sequence lengths: the rows of a packed buffer. */
    long rows() {
        return stepOffsets[batchSizes.length];
    }

    /** Whether every sequence runs all steps: then the order is the batch order and row(t, k) = t·batch + k. */
    boolean full() {
        return rows() == (long) steps() * batch();
    }

    /** Sequences still running at step t (a prefix of the sorted order). */
    int batchSize(int t) {
        return batchSizes[t];
    }

    long stepOffset(int t) {
        return stepOffsets[t];
    }

    long row(int t, int k) {
        return stepOffsets[t] + k;
    }

    /** The batch index of sorted sequence k. */
    int batchIndex(int k) {
        return sortedToBatch[k];
    }

    /** The length of sorted sequence k. */
    int length(int k) {
        return lengths[sortedToBatch[k]];
    }

    @Override
    public String toString() {
        return "RnnBatchOrder" + Arrays.toString(sortedToBatch);
    }
}

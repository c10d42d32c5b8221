package dev.rnn4j.rnn;

/** Sizes, in float32 elements, of the work and reserve spaces one RNN call needs (cuDNN's cudnnGetRNNTempSpaceSizes). */
public record RnnSpaceSizes(long workSpaceSize, long reserveSpaceSize) {
    public RnnSpaceSizes {
        if (workSpaceSize < 0 || reserveSpaceSize < 0) {
            throw new IllegalArgumentException("negative space size: work " + workSpaceSize + ", reserve " + reserveSpaceSize);
        }
    }
}

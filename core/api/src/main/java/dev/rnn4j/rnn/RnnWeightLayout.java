package dev.rnn4j.rnn;

/**
 * The canonical flat weight space of an RNN, in float32 elements. One block per (layer, direction), layer
 * major, forward direction first. Inside a block: the input matrices of every gate, stacked as one
 * [gates*H, layerInput] row-major matrix (PyTorch's weight_ih); then the recurrent matrices as one
 * [gates*H, H] matrix (weight_hh); then the input bias [gates*H] and the recurrent bias [gates*H], each
 * present only if the bias mode has it. Gate order: LSTM i,f,g,o; GRU r,z,n.
 */
public final class RnnWeightLayout {

    private final RnnDescriptor rnn;
    private final long[] blockOffsets;
    private final long total;

    public RnnWeightLayout(RnnDescriptor rnn) {
        this.rnn = rnn;
        int blocks = rnn.numLayers() * rnn.directions();
        this.blockOffsets = new long[blocks + 1];
        long off = 0;
        for (int layer = 0; layer < rnn.numLayers(); layer++) {
            for (int dir = 0; dir < rnn.directions(); dir++) {
                blockOffsets[layer * rnn.directions() + dir] = off;
                off += blockSize(layer);
            }
        }
        blockOffsets[blocks] = off;
        this.total = off;
    }

    public RnnDescriptor descriptor() {
        return rnn;
    }

    /** Total number of float32 elements in the weight space. */
    public long size() {
        return total;
    }

    /** Rows of every stacked matrix: gates × hidden. */
    public int gateRows() {
        return rnn.mode().gates() * rnn.hiddenSize();
    }

    /** Elements of the input matrix of a layer: gates*H × layerInput. */
    public long inputWeightSize(int layer) {
        return (long) gateRows() * rnn.layerInputSize(layer);
    }

    public long recurrentWeightSize() {
        return (long) gateRows() * rnn.hiddenSize();
    }

    public long blockSize(int layer) {
        long size = inputWeightSize(layer) + recurrentWeightSize();
        if (rnn.biasMode().hasInputBias()) size += gateRows();
        if (rnn.biasMode().hasRecurrentBias()) size += gateRows();
        return size;
    }

    /** Offset of the stacked input matrix W [gates*H, layerInput] of (layer, direction). */
    public long inputWeightOffset(int layer, int direction) {
        return blockOffset(layer, direction);
    }

    /** Offset of the stacked recurrent matrix R [gates*H, H] of (layer, direction). */
    public long recurrentWeightOffset(int layer, int direction) {
        return blockOffset(layer, direction) + inputWeightSize(layer);
    }

    /** Offset of the input bias b_W [gates*H], or -1 if the bias mode has none. */
    public long inputBiasOffset(int layer, int direction) {
        if (!rnn.biasMode().hasInputBias()) return -1;
        return recurrentWeightOffset(layer, direction) + recurrentWeightSize();
    }

    /** Offset of the recurrent bias b_R [gates*H], or -1 if the bias mode has none. */
    public long recurrentBiasOffset(int layer, int direction) {
        if (!rnn.biasMode().hasRecurrentBias()) return -1;
        long off = recurrentWeightOffset(layer, direction) + recurrentWeightSize();
        return rnn.biasMode().hasInputBias() ? off + gateRows() : off;
    }

    private long blockOffset(int layer, int direction) {
        if (layer < 0 || layer >= rnn.numLayers()) throw new IndexOutOfBoundsException("layer " + layer + " of " + rnn.numLayers());
        if (direction < 0 || direction >= rnn.directions()) {
            throw new IndexOutOfBoundsException("direction " + direction + " of " + rnn.directions());
        }
        return blockOffsets[layer * rnn.directions() + direction];
    }
}

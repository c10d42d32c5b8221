package dev.rnn4j.rnn;

/** Cell type, as cuDNN's cudnnRNNMode_t. Gate order inside the weight space is cuDNN's and PyTorch's. */
public enum RnnMode {
    /** h' = relu(W x + b_W + R h + b_R). */
    RNN_RELU(1),
    /** h' = tanh(W x + b_W + R h + b_R). */
    RNN_TANH(1),
    /** Gates i, f, g, o. */
    LSTM(4),
    /** Gates r, z, n with n = tanh(W_n x + b_Wn + r * (R_n h + b_Rn)) (cuDNN's variant, Keras reset_after=True). */
    GRU(3);

    private final int gates;

    RnnMode(int gates) {
        this.gates = gates;
    }

    /** Number of gate matrices per input/recurrent weight. */
    public int gates() {
        return gates;
    }

    /** True when the cell has a separate cell state c (LSTM). */
    public boolean hasCellState() {
        return this == LSTM;
    }
}

package dev.rnn4j.rnn;

/** Bias vectors per gate, as cuDNN's cudnnRNNBiasMode_t. */
public enum RnnBiasMode {
    /** No bias. */
    NO_BIAS(false, false),
    /** Only the input bias b_W. */
    SINGLE_INP_BIAS(true, false),
    /** Only the recurrent bias b_R. */
    SINGLE_REC_BIAS(false, true),
    /** b_W and b_R (PyTorch's bias_ih and bias_hh). */
    DOUBLE_BIAS(true, true);

    private final boolean inputBias;
    private final boolean recurrentBias;

    RnnBiasMode(boolean inputBias, boolean recurrentBias) {
        this.inputBias = inputBias;
        this.recurrentBias = recurrentBias;
    }

    public boolean hasInputBias() {
        return inputBias;
    }

    public boolean hasRecurrentBias() {
        return recurrentBias;
    }
}

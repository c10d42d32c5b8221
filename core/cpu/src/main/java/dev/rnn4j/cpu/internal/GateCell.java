package dev.rnn4j.cpu.internal;

import dev.rnn4j.rnn.RnnMode;

/**
 * The fused element-wise math of one cell type for one batch row: gate activations and their gradients, for
 * the hidden units [from, to) (a multiple of the vector length apart from {@code to = hidden}), so that
 * threads can share a step by hidden-unit slices.
 */
interface GateCell {

    /**
     * Forward, for {@code row.rows} rows: gates holds W x + R h for the gates where {@link #recurrentInGates}
     * (else W x, and R h in hr); adds the biases, applies the activations, reads the running h from hIn,
     * writes the new state to h (and c), to out, and keeps the activations in gates (and the extra value).
     */
    void forward(GateRow row, int hidden, int from, int to);

    /** Whether the recurrent GEMM adds R h of gate {@code gate} straight into gates (else into hr). */
    default boolean recurrentInGates(int gate) {
        return true;
    }

    /**
     * Backward: dh = h + dOut (and dc = c); writes the pre-activation gradients over gates (and the
     * recurrent-side gradient of GRU's n gate over extra), the element-wise part of dh_{t-1} to h and
     * dc_{t-1} to c. The caller then adds dGates · R to h.
     */
    void backward(GateRow row, int hidden, int from, int to);

    static GateCell of(RnnMode mode) {
        return switch (mode) {
            case RNN_TANH -> new GateElman(false);
            case RNN_RELU -> new GateElman(true);
            case LSTM -> new GateLstm();
            case GRU -> new GateGru();
        };
    }
}

package dev.rnn4j.cpu.internal;

import dev.rnn4j.rnn.RnnMode;

/**
 * The fused element-wise math of one cell type on the tiles of a time step's row block ({@link GateTiles}):
 * gate activations and their gradients for the block's rows and the slice's hidden units, run right after the
 * step's products filled the tiles, while they are in L1.
 */
interface GateCell {

    /**
     * Forward, for block rows [0, rows) (step rows r0 + r): tile slot g holds W x + R h of gate g where
     * {@link #recurrentInGates} (else W x, and R h in the slot after the gates); adds the biases, applies the
     * activations, updates c, writes the new h to the next step's A rows and to out, and in training keeps the
     * activations in gates (and the extra value).
     */
    void forward(GateTiles t, int r0, int rows);

    /** Whether the products add R h of gate {@code gate} into its W x tile (else into a tile of its own). */
    default boolean recurrentInGates(int gate) {
        return true;
    }

    /**
     * Backward, for block rows [0, rows): tile slot 0 holds dG_{t+1}·R for the slice's units (zero for rows
     * without a later step); dh = that + the carried dh + dOut. Writes the pre-activation gradients over gates
     * (and GRU's recurrent-side n gradient over extra), the recurrent-side gradients to the next step's A rows,
     * and carries the element-wise part of dh_{t-1} (and dc_{t-1}).
     */
    void backward(GateTiles t, int r0, int rows);

    static GateCell of(RnnMode mode) {
        return switch (mode) {
            case RNN_TANH -> new GateElman(false);
            case RNN_RELU -> new GateElman(true);
            case LSTM -> new GateLstm();
            case GRU -> new GateGru();
        };
    }
}

package dev.rnn4j.cpu.internal;

/** The products a hidden-unit slice computes for one row block of a time step, into its tiles. */
interface RnnProducts {

    /**
     * Every tile of the slice for the {@code rows} (1 to {@link SgemmKernel#MR}) rows of A from {@code aRow} (row
     * stride {@code lda}) in {@code a}, into {@code tiles}.
     */
    void run(int rows, float[] a, int aRow, int lda, float[] tiles);
}

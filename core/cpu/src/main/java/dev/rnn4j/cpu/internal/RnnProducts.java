package dev.rnn4j.cpu.internal;

/** The products a part of a time loop computes for one unit panel and one row block of a step, into its tiles. */
interface RnnProducts {

    /**
     * Every tile of the part's unit panel {@code panel} (counted from the part's first) for the {@code rows} (1 to
     * {@link SgemmKernel#MR}) rows of A from {@code aRow} (row stride {@code lda}) in {@code a}, into {@code tiles}.
     */
    void run(int panel, int rows, float[] a, int aRow, int lda, float[] tiles);
}

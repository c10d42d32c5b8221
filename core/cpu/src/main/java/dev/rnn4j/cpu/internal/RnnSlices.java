package dev.rnn4j.cpu.internal;

/**
 * The hidden units [0, hidden) cut into {@code count} slices of {@code width} units (whole SGEMM column
 * panels; the last may be narrower): the unit of a time step's parallel work. A slice owns its hidden units
 * in every gate, so its recurrent product and its gate kernel need no other slice within the step. The
 * count follows the backend's threads without changing any result: slices are whole panels, and every
 * element is computed the same way in whichever slice holds it.
 */
record RnnSlices(int hidden, int count, int width) {

    /** Slices per worker thread: more than one lets a thread that is ahead take over part of a late one's share. */
    private static final int PER_THREAD = 2;

    static RnnSlices of(int hidden, int threads) {
        int panels = Math.ceilDiv(hidden, SgemmKernel.NR);
        int wanted = Math.max(1, Math.min(panels, threads * PER_THREAD));
        int width = Math.ceilDiv(panels, wanted) * SgemmKernel.NR;
        return new RnnSlices(hidden, Math.ceilDiv(hidden, width), width);
    }

    /** All units in one slice. */
    static RnnSlices whole(int hidden) {
        return new RnnSlices(hidden, 1, Math.ceilDiv(hidden, SgemmKernel.NR) * SgemmKernel.NR);
    }

    /** The slice's unit panels [firstPanel, endPanel) (NR units each). */
    int firstPanel(int slice) {
        return from(slice) / SgemmKernel.NR;
    }

    int endPanel(int slice) {
        return Math.ceilDiv(to(slice), SgemmKernel.NR);
    }

    int from(int slice) {
        return Math.min(hidden, slice * width);
    }

    int to(int slice) {
        return Math.min(hidden, (slice + 1) * width);
    }
}

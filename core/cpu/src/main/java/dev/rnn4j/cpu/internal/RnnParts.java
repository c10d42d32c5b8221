package dev.rnn4j.cpu.internal;

/**
 * How a time loop's work is cut into parts that run on the backend's threads. With enough rows (at least one
 * full row block per thread, and more than one step) the batch is cut: group j of n holds the sorted rows
 * j, j + n, j + 2n, … (so a ragged batch stays balanced as sequences end), and each group runs every step of its
 * rows through all hidden units alone, with no hand-off between steps: a row's step needs only its own previous
 * state. Otherwise (few rows, or a single step) the hidden units are cut into slices ({@link RnnSlices}) and
 * every step is a phase whose slices run in parallel. Every element is computed the same way in either cut, so
 * the results do not depend on it.
 */
record RnnParts(int groups, RnnSlices slices) {

    static RnnParts of(int batch, int hidden, int threads, int steps) {
        if (steps > 1 && (threads == 1 || batch >= SgemmKernel.MR * threads)) {
            return new RnnParts(Math.min(threads, batch), RnnSlices.whole(hidden));
        }
        return new RnnParts(1, RnnSlices.of(hidden, threads));
    }

    /** Parts: the row groups, or the slices. */
    int count() {
        return groups * slices.count();
    }

    /** Whether each part runs every step alone (one phase), rather than each step being a phase of its own. */
    boolean stepsAlone() {
        return slices.count() == 1;
    }

    /** The row group of part i. */
    int group(int part) {
        return groups == 1 ? 0 : part;
    }

    /** The slice of part i. */
    int slice(int part) {
        return groups == 1 ? part : 0;
    }

    /** Rows of group j among the first {@code rows} sorted rows. */
    int rows(int group, int rows) {
        return Math.max(0, Math.ceilDiv(rows - group, groups));
    }

    /** Unit panels [first, end) that part i of {@code count()} packs (every part needs some packed panels, so the packing is shared). */
    int firstPanel(int part, int panels) {
        return part * panels / count();
    }
}

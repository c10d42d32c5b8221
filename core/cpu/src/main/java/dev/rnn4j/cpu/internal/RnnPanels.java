package dev.rnn4j.cpu.internal;

import java.util.Arrays;

/**
 * The panel products a part of a time loop computes for each unit panel (NR hidden units) and row block of a
 * step: per panel a list of jobs, each a packed B panel (from {@code bOff} in the packed array) times the A
 * columns [aStart, aStart + depth) of the block's rows, into a tile (from {@code tOff} in the tile array, row
 * stride {@code ldt}). Jobs of equal A columns form a class; {@link #run} hands each class to
 * {@link SgemmRowTiles} in calls of as many panels as the block's row count suits. Built once per time loop,
 * so a step allocates nothing.
 */
final class RnnPanels implements RnnProducts {

    /** Jobs past a class's end repeat its last job, so that a call of up to 4 panels never runs off the class. */
    private static final int PAD = 3;

    private final float[] packed;
    private final int ldt;
    private int[] bOffs = new int[16];
    private int[] tOffs = new int[16];
    private int[] classStart = new int[4];
    private int[] classCount = new int[4];
    private int[] classA = new int[4];
    private int[] classDepth = new int[4];
    private int[] panelClass = new int[2];
    private int classes;
    private int size;
    private int panels;

    /** Jobs on the panels packed in {@code packed}, into tiles of row stride {@code ldt}. */
    RnnPanels(float[] packed, int ldt) {
        this.packed = packed;
        this.ldt = ldt;
    }

    /** Starts the jobs of the next unit panel (panel 0, 1, … in {@link #run}). */
    RnnPanels beginPanel() {
        closeClass();
        if (panels + 1 >= panelClass.length) panelClass = Arrays.copyOf(panelClass, panelClass.length * 2);
        panelClass[panels] = classes;
        panels++;
        panelClass[panels] = classes;
        return this;
    }

    /** Starts a class of jobs of the current panel that read A columns [aStart, aStart + depth). */
    RnnPanels beginClass(int aStart, int depth) {
        if (panels == 0) throw new IllegalStateException("rnn panels: a class needs a panel");
        closeClass();
        if (classes == classStart.length) {
            classStart = Arrays.copyOf(classStart, classes * 2);
            classCount = Arrays.copyOf(classCount, classes * 2);
            classA = Arrays.copyOf(classA, classes * 2);
            classDepth = Arrays.copyOf(classDepth, classes * 2);
        }
        classStart[classes] = size;
        classCount[classes] = 0;
        classA[classes] = aStart;
        classDepth[classes] = depth;
        classes++;
        panelClass[panels] = classes;
        return this;
    }

    /** Adds a job to the current class. */
    RnnPanels add(int bOff, int tOff) {
        if (classes == 0) throw new IllegalStateException("rnn panels: a job needs a class");
        grow(size + 1);
        bOffs[size] = bOff;
        tOffs[size] = tOff;
        size++;
        classCount[classes - 1]++;
        return this;
    }

    /** Ends the job list (pads the last class). */
    RnnPanels done() {
        closeClass();
        return this;
    }

    private void closeClass() {
        if (classes == 0) return;
        int c = classes - 1;
        if (size > classStart[c] + classCount[c]) return;
        if (classCount[c] == 0) {
            classes--;
            panelClass[panels] = classes;
            return;
        }
        grow(size + PAD);
        for (int i = 0; i < PAD; i++) {
            bOffs[size] = bOffs[size - 1];
            tOffs[size] = tOffs[size - 1];
            size++;
        }
    }

    private void grow(int needed) {
        if (needed > bOffs.length) {
            bOffs = Arrays.copyOf(bOffs, Math.max(needed, bOffs.length * 2));
            tOffs = Arrays.copyOf(tOffs, bOffs.length);
        }
    }

    @Override
    public void run(int panel, int rows, float[] a, int aRow, int lda, float[] tiles) {
        int step = SgemmRowTiles.panelsPerCall(rows);
        for (int c = panelClass[panel]; c < panelClass[panel + 1]; c++) {
            int end = classStart[c] + classCount[c];
            for (int j = classStart[c]; j < end; j += step) {
                SgemmRowTiles.run(classDepth[c], a, aRow + classA[c], lda, rows, packed, bOffs, tiles, tOffs, j, ldt);
            }
        }
    }
}

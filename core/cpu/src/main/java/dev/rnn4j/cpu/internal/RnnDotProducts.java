package dev.rnn4j.cpu.internal;

import java.lang.foreign.MemorySegment;

/**
 * A part's products for a call of a single time step ({@link SgemmDotTiles}: [W | R] read in place, no packing),
 * for the units the tiles are set to ({@link GateTiles#from}, {@link GateTiles#units}),
 * into the same tiles {@link RnnPanels} fills: gate g's W x + R h in slot g (the two accumulator sets added
 * lane-wise, then summed), or, for a gate whose R h is kept apart, W x in slot g and R h in the slot after the
 * gates. One or two rows go as a pair against four weight rows at a time (a lone row is computed twice); three
 * to eight rows all at once against two weight rows, so each weight is read once per step. A last group of
 * units repeats its last unit.
 */
final class RnnDotProducts implements RnnProducts {

    private final MemorySegment weights;
    private final long inputWeights;
    private final long recurrentWeights;
    private final int width;
    private final int hidden;
    private final GateTiles t;
    private final int[] hSlot;
    private final int acc;
    /** Where the R h accumulators follow the W x ones. */
    private static final int RECURRENT = 16 * SgemmKernel.L;

    /**
     * @param inputWeights     float offset of W [G·H, width] in {@code weights}; recurrentWeights of R [G·H, H]
     * @param accumulators     heap index (in the tiles' array) of this part's 32·L accumulator floats
     */
    RnnDotProducts(GateCell cell, int gateCount, GateTiles t, MemorySegment weights, long inputWeights, long recurrentWeights, int width,
                   int accumulators) {
        this.weights = weights;
        this.inputWeights = inputWeights;
        this.recurrentWeights = recurrentWeights;
        this.width = width;
        this.hidden = t.hidden;
        this.t = t;
        this.hSlot = new int[gateCount];
        int slot = gateCount;
        for (int g = 0; g < gateCount; g++) hSlot[g] = cell.recurrentInGates(g) ? -1 : slot++;
        this.acc = accumulators;
    }

    @Override
    public void run(int panel, int rows, float[] a, int aRow, int lda, float[] tiles) {
        if (rows > 2) {
            manyRows(rows, a, aRow, lda, tiles);
            return;
        }
        for (int r = 0; r < rows; r += 2) {
            int a0 = aRow + r * lda, a1 = r + 1 < rows ? a0 + lda : a0;
            int pair = Math.min(2, rows - r);
            for (int g = 0; g < hSlot.length; g++) {
                for (int u = 0; u < t.units; u += 4) {
                    long w0 = row(inputWeights, g, u, width), w1 = row(inputWeights, g, u + 1, width);
                    long w2 = row(inputWeights, g, u + 2, width), w3 = row(inputWeights, g, u + 3, width);
                    long r0 = row(recurrentWeights, g, u, hidden), r1 = row(recurrentWeights, g, u + 1, hidden);
                    long r2 = row(recurrentWeights, g, u + 2, hidden), r3 = row(recurrentWeights, g, u + 3, hidden);
                    SgemmDotTiles.dot2x4(width, a, a0, a1, weights, w0, w1, w2, w3, tiles, acc);
                    SgemmDotTiles.dot2x4(hidden, a, a0 + width, a1 + width, weights, r0, r1, r2, r3, tiles, acc + RECURRENT);
                    sums(tiles, g, r, pair, 4, u);
                }
            }
        }
    }

    /** 3 to 8 rows: all of them against two weight rows at a time, so each weight is read once per step. */
    private void manyRows(int rows, float[] a, int aRow, int lda, float[] tiles) {
        for (int g = 0; g < hSlot.length; g++) {
            for (int u = 0; u < t.units; u += 2) {
                SgemmDotTiles.dot8x2(width, a, aRow, lda, rows, weights, row(inputWeights, g, u, width), row(inputWeights, g, u + 1, width),
                        tiles, acc);
                SgemmDotTiles.dot8x2(hidden, a, aRow + width, lda, rows, weights, row(recurrentWeights, g, u, hidden),
                        row(recurrentWeights, g, u + 1, hidden), tiles, acc + RECURRENT);
                sums(tiles, g, 0, rows, 2, u);
            }
        }
    }

    /** Byte offset of the weight row of gate g, slice unit u (clamped to the slice's last unit), row length {@code columns}. */
    private long row(long base, int g, int u, int columns) {
        return (base + ((long) g * hidden + t.from + Math.min(u, t.units - 1)) * columns) * 4;
    }

    /**
     * Gate g's tiles for rows [r, r + count) and units [u, u + width) from the accumulators (vector {@code width·i + j}
     * for row r + i, unit u + j; the W x set at {@code acc}, the R h set after it): their sum in slot g, or each in
     * its own slot when the gate keeps R h apart.
     */
    private void sums(float[] tiles, int g, int r, int count, int width, int u) {
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < width && u + j < t.units; j++) {
                int v = (width * i + j) * SgemmKernel.L, at = u + j;
                if (hSlot[g] < 0) {
                    tiles[t.tile(g, r + i) + at] = SgemmDotTiles.sum(tiles, acc + v, acc + RECURRENT + v);
                } else {
                    tiles[t.tile(g, r + i) + at] = SgemmDotTiles.sum(tiles, acc + v);
                    tiles[t.tile(hSlot[g], r + i) + at] = SgemmDotTiles.sum(tiles, acc + RECURRENT + v);
                }
            }
        }
    }
}

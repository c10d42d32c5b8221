package dev.rnn4j.cpu.internal;

import java.lang.foreign.MemorySegment;

/**
 * A part's products for a call of a single time step ({@link SgemmDotTiles}: [W | R] read in place, no packing),
 * for the units the tiles are set to ({@link GateTiles#from}, {@link GateTiles#units}),
 * into the same tiles {@link RnnPanels} fills: gate g's W x + R h in slot g (the two accumulator sets added
 * lane-wise, then summed), or, for a gate whose R h is kept apart, W x in slot g and R h in the slot after the
 * gates. Rows go in pairs (a lone last row is computed
 * twice), units in fours (the last group repeats its last unit).
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
    private static final int RECURRENT = 8 * SgemmKernel.L;

    /**
     * @param inputWeights     float offset of W [G·H, width] in {@code weights}; recurrentWeights of R [G·H, H]
     * @param accumulators     heap index (in the tiles' array) of this slice's 16·L accumulator floats
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
                    if (hSlot[g] < 0) {
                        sums(tiles, g, r, pair, u, acc, acc + RECURRENT);
                    } else {
                        sums(tiles, g, r, pair, u, acc, -1);
                        sums(tiles, hSlot[g], r, pair, u, acc + RECURRENT, -1);
                    }
                }
            }
        }
    }

    /** Byte offset of the weight row of gate g, slice unit u (clamped to the slice's last unit), row length {@code columns}. */
    private long row(long base, int g, int u, int columns) {
        return (base + ((long) g * hidden + t.from + Math.min(u, t.units - 1)) * columns) * 4;
    }

    /** Tile slot {@code slot}, rows r, r + 1 (of {@code pair}), units u..u+3: the lane sums of the accumulators at {@code first} (plus those at {@code second}, if ≥ 0). */
    private void sums(float[] tiles, int slot, int r, int pair, int u, int first, int second) {
        for (int i = 0; i < pair; i++) {
            int at = t.tile(slot, r + i) + u;
            for (int j = 0; j < 4 && u + j < t.units; j++) {
                int v = (4 * i + j) * SgemmKernel.L;
                tiles[at + j] = second < 0 ? SgemmDotTiles.sum(tiles, first + v) : SgemmDotTiles.sum(tiles, first + v, second + v);
            }
        }
    }
}

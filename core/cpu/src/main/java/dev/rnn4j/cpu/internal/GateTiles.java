package dev.rnn4j.cpu.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * What the gate math works on for one row block of a time step and one panel of hidden units ({@link GateCell}).
 * The time loop fills one instance per part of its work once, sets the per-step fields each step and reuses it,
 * so a step allocates nothing.
 *
 * <p>Heap ({@code s}, floats): the tiles, {@code tile + (slot·MR + r)·ldt + u} for tile slot {@code slot},
 * block row r and unit u from {@code from}; a scratch tile at {@code temp}; the A rows the step's products read
 * ({@code aCur}) and those the next step's read ({@code aNext}), row k at {@code a + k·lda}; forward, the running
 * c (row k at {@code c + k·hidden}).
 *
 * <p>Segments (byte offsets): {@code work} holds the biases and, backward, the carried dh and dc; {@code store}
 * holds what outlives the step: out, and in training the activations (gates) and extra values the backward
 * pass reads (the reserve space), or backward their gradients. Row offsets are those of the step's first row.
 */
final class GateTiles {
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;

    float[] s;
    int tile;
    int ldt;
    int temp;
    int aCur;
    int aNext;
    int lda;
    /** Forward: the column of an A row where h starts (the layer's input width); backward: 0. */
    int hColumn;
    int c;
    int hidden;
    /** The first unit of the tiles and their unit count (at most NR). */
    int from;
    int units;
    /**
     * The rows of this part of the batch: heap rows (A, c, block rows) are local, i = 0, 1, …; the step's sorted
     * row of local row i, which places it in out, gates, extra, dOut, dh and dc, is {@code rowFirst + i·rowStep}.
     */
    int rowFirst;
    int rowStep = 1;

    MemorySegment work;
    MemorySegment store;
    /** b_W + b_R, b_W and b_R of gate 0, unit 0 (gate g at + g·hidden·4). */
    long bias;
    long biasW;
    long biasR;
    boolean training;
    long gates;
    long gatesStride;
    long extra;
    long extraStride;
    long out;
    long outStride;

    /** Backward: dy of the step's first row (this direction), the carried dh and dc rows (row k at + k·hidden·4). */
    long dOut;
    long dOutStride;
    long dh;
    long dc;
    /** Backward: where h_{t-1} and c_{t-1} of the step's rows are ({@link RnnSpaces.Reserve#previousH}). */
    RnnSpaces.Reserve reserve;
    RnnBatchOrder order;
    long reserveBase;
    int layer;
    int direction;
    int directions;
    int t;

    /** Byte offset in {@code store} of h_{t-1} of sorted row k at this step (backward). */
    long previousH(int k) {
        return (reserveBase + reserve.previousH(order, layer, direction, directions, hidden, t, k)) * 4;
    }

    /** Byte offset in {@code store} of c_{t-1} of sorted row k at this step (backward, LSTM). */
    long previousC(int k) {
        return (reserveBase + reserve.previousC(order, layer, direction, directions, hidden, t, k)) * 4;
    }

    /** The sorted row (in the step) of local row i. */
    int global(int i) {
        return rowFirst + i * rowStep;
    }

    /**
     * Backward: the next step's A row of local row i gets the gradients just written for its sorted row k at the
     * tiles' units: of gates [0, gateCount) from gates, and, where {@code extraGate} ≥ 0, that gate's from extra
     * (GRU's recurrent-side n gradient). A copy of its own, so that the gate passes' vector blocks stay small
     * enough for C2 to keep their vectors in registers.
     */
    void copyGradients(int i, int k, int gateCount, int extraGate) {
        int a = aNext + i * lda + from;
        long row = gates + k * gatesStride + from * 4L;
        for (int g = 0; g < gateCount; g++) {
            if (g == extraGate) {
                MemorySegment.copy(store, F, extra + k * extraStride + from * 4L, s, a + g * hidden, units);
            } else {
                MemorySegment.copy(store, F, row + g * hidden * 4L, s, a + g * hidden, units);
            }
        }
    }

    /** Heap index of tile slot {@code slot}, block row r, the tiles' first unit. */
    int tile(int slot, int r) {
        return tile + (slot * SgemmKernel.MR + r) * ldt;
    }
}

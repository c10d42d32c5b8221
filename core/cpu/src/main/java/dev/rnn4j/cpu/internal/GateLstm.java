package dev.rnn4j.cpu.internal;

import static dev.rnn4j.cpu.internal.GateVectors.LANES;
import static dev.rnn4j.cpu.internal.GateVectors.load;
import static dev.rnn4j.cpu.internal.GateVectors.sigmoidSlope;
import static dev.rnn4j.cpu.internal.GateVectors.store;
import static dev.rnn4j.cpu.internal.GateVectors.tail;
import static dev.rnn4j.cpu.internal.GateVectors.tanhSlope;
import static dev.rnn4j.cpu.internal.GateVectors.tile;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * LSTM, gates i, f, g, o: c' = σ(f)·c + σ(i)·tanh(g), h' = σ(o)·tanh(c'). Keeps the activations
 * [i, f, g, o] in gates and c' in extra.
 */
final class GateLstm implements GateCell {

    @Override
    public void forward(GateTiles t, int r0, int rows) {
        long gate = t.hidden * 4L, first = t.from * 4L;
        GateVectors.sigmoidTile(t.s, t.tile(0, 0), rows, t.ldt, t.units, t.work, t.bias + first);
        GateVectors.sigmoidTile(t.s, t.tile(1, 0), rows, t.ldt, t.units, t.work, t.bias + gate + first);
        GateVectors.tanhTile(t.s, t.tile(2, 0), rows, t.ldt, t.units, t.work, t.bias + 2 * gate + first);
        GateVectors.sigmoidTile(t.s, t.tile(3, 0), rows, t.ldt, t.units, t.work, t.bias + 3 * gate + first);
        forwardCell(t, r0, rows);
        GateVectors.tanhTile(t.s, t.temp, rows, t.ldt, t.units);
        forwardOutput(t, r0, rows);
    }

    /** c' = f·c + i·g into c and the scratch tile (tanh(c') is taken there next); in training i, f, g and c' kept. */
    private static void forwardCell(GateTiles t, int r0, int rows) {
        for (int r = 0; r < rows; r++) {
            int row = r0 + r;
            int i = t.tile(0, r), c = t.c + row * t.hidden + t.from, tmp = t.temp + r * t.ldt, g = t.global(row);
            long gates = t.gates + g * t.gatesStride + t.from * 4L, extra = t.extra + g * t.extraStride + t.from * 4L;
            int j = 0;
            for (; j <= t.units - LANES; j += LANES) cellBlock(t, i + j, c + j, tmp + j, gates + j * 4L, extra + j * 4L, null);
            if (j < t.units) cellBlock(t, i + j, c + j, tmp + j, gates + j * 4L, extra + j * 4L, tail(j, t.units));
        }
    }

    private static void cellBlock(GateTiles t, int i, int c, int tmp, long gates, long extra, VectorMask<Float> m) {
        int slot = SgemmKernel.MR * t.ldt;
        FloatVector in = tile(t.s, i), forget = tile(t.s, i + slot), cand = tile(t.s, i + 2 * slot);
        FloatVector cNext = forget.mul(load(t.s, c, m)).add(in.mul(cand));
        store(cNext, t.s, c, m);
        tile(cNext, t.s, tmp);
        if (t.training) {
            long gate = t.hidden * 4L;
            store(in, t.store, gates, m);
            store(forget, t.store, gates + gate, m);
            store(cand, t.store, gates + 2 * gate, m);
            store(cNext, t.store, extra, m);
        }
    }

    /** h' = o·tanh(c') into the next A rows and out; in training o kept. */
    private static void forwardOutput(GateTiles t, int r0, int rows) {
        for (int r = 0; r < rows; r++) {
            int row = r0 + r;
            int o = t.tile(3, r), tmp = t.temp + r * t.ldt, h = t.aNext + row * t.lda + t.hColumn + t.from;
            int g = t.global(row);
            long out = t.out + g * t.outStride + t.from * 4L, gates = t.gates + g * t.gatesStride + (3L * t.hidden + t.from) * 4L;
            int j = 0;
            for (; j <= t.units - LANES; j += LANES) outputBlock(t, o + j, tmp + j, h + j, out + j * 4L, gates + j * 4L, null);
            if (j < t.units) outputBlock(t, o + j, tmp + j, h + j, out + j * 4L, gates + j * 4L, tail(j, t.units));
        }
    }

    private static void outputBlock(GateTiles t, int o, int tmp, int h, long out, long gates, VectorMask<Float> m) {
        FloatVector gate = tile(t.s, o);
        FloatVector v = gate.mul(tile(t.s, tmp));
        store(v, t.s, h, m);
        store(v, t.store, out, m);
        if (t.training) store(gate, t.store, gates, m);
    }

    /**
     * In passes of their own (separate methods, so separate compilation units: as one method, C2 passed
     * NodeCountInliningCutoff, left vector operations as calls and boxed their vectors on the heap).
     */
    @Override
    public void backward(GateTiles t, int r0, int rows) {
        cellTanh(t, r0, rows);
        for (int r = 0; r < rows; r++) {
            backwardOutputSide(t, r0 + r, r);
            backwardCellSide(t, r0 + r);
            t.copyGradients(r0 + r, t.global(r0 + r), 4, -1);
        }
    }

    /** The scratch tile = tanh(c_t) of the block's rows. */
    private static void cellTanh(GateTiles t, int r0, int rows) {
        for (int r = 0; r < rows; r++) {
            long extra = t.extra + t.global(r0 + r) * t.extraStride + t.from * 4L;
            int tmp = t.temp + r * t.ldt;
            int j = 0;
            for (; j <= t.units - LANES; j += LANES) tanhBlock(t, extra + j * 4L, tmp + j, null);
            if (j < t.units) tanhBlock(t, extra + j * 4L, tmp + j, tail(j, t.units));
        }
    }

    private static void tanhBlock(GateTiles t, long extra, int tmp, VectorMask<Float> m) {
        tile(GateVectors.tanh(load(t.store, extra, m)), t.s, tmp);
    }

    /** dh = carried dh + dG·R + dOut; dc = carried dc + dh·o·tanh'(c_t) into the carried dc; the o gradient; carried dh = 0. */
    private static void backwardOutputSide(GateTiles t, int row, int r) {
        long gate = t.hidden * 4L, first = t.from * 4L;
        int k = t.global(row);
        long gates = t.gates + k * t.gatesStride + 3 * gate + first;
        long dh = t.dh + k * gate + first, dc = t.dc + k * gate + first, dOut = t.dOut + k * t.dOutStride + first;
        int tile = t.tile(0, r), tmp = t.temp + r * t.ldt;
        int j = 0;
        for (; j <= t.units - LANES; j += LANES) {
            outputSideBlock(t, gates + j * 4L, dh + j * 4L, dc + j * 4L, dOut + j * 4L, tile + j, tmp + j, null);
        }
        if (j < t.units) {
            outputSideBlock(t, gates + j * 4L, dh + j * 4L, dc + j * 4L, dOut + j * 4L, tile + j, tmp + j, tail(j, t.units));
        }
    }

    private static void outputSideBlock(GateTiles t, long gates, long dhAt, long dcAt, long dOut, int tile, int tmp, VectorMask<Float> m) {
        FloatVector out = load(t.store, gates, m);
        FloatVector tanhC = tile(t.s, tmp);
        FloatVector dh = load(t.work, dhAt, m).add(tile(t.s, tile)).add(load(t.work, dOut, m));
        store(load(t.work, dcAt, m).add(dh.mul(out).mul(tanhSlope(tanhC))), t.work, dcAt, m);
        store(dh.mul(tanhC).mul(sigmoidSlope(out)), t.store, gates, m);
        store(GateVectors.ZERO, t.work, dhAt, m);
    }

    /** From dc in the carried dc: the i, f and g gradients, and dc_{t-1} = dc·f into the carried dc. */
    private static void backwardCellSide(GateTiles t, int row) {
        long gate = t.hidden * 4L, first = t.from * 4L;
        int k = t.global(row);
        long gates = t.gates + k * t.gatesStride + first, dc = t.dc + k * gate + first, prevC = t.previousC(k) + first;
        int j = 0;
        for (; j <= t.units - LANES; j += LANES) cellSideBlock(t, gates + j * 4L, dc + j * 4L, prevC + j * 4L, null);
        if (j < t.units) cellSideBlock(t, gates + j * 4L, dc + j * 4L, prevC + j * 4L, tail(j, t.units));
    }

    private static void cellSideBlock(GateTiles t, long gates, long dcAt, long prevC, VectorMask<Float> m) {
        long gate = t.hidden * 4L;
        FloatVector i = load(t.store, gates, m);
        FloatVector f = load(t.store, gates + gate, m);
        FloatVector g = load(t.store, gates + 2 * gate, m);
        FloatVector dc = load(t.work, dcAt, m);
        store(dc.mul(g).mul(sigmoidSlope(i)), t.store, gates, m);
        store(dc.mul(load(t.store, prevC, m)).mul(sigmoidSlope(f)), t.store, gates + gate, m);
        store(dc.mul(i).mul(tanhSlope(g)), t.store, gates + 2 * gate, m);
        store(dc.mul(f), t.work, dcAt, m);
    }
}

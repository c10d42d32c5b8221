package dev.rnn4j.cpu.internal;

import static dev.rnn4j.cpu.internal.GateVectors.LANES;
import static dev.rnn4j.cpu.internal.GateVectors.load;
import static dev.rnn4j.cpu.internal.GateVectors.sigmoidSlope;
import static dev.rnn4j.cpu.internal.GateVectors.store;
import static dev.rnn4j.cpu.internal.GateVectors.tail;
import static dev.rnn4j.cpu.internal.GateVectors.tanhSlope;

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
            int i = t.tile(0, r), c = t.c + row * t.hidden + t.from, tmp = t.temp + r * t.ldt;
            long gates = t.gates + row * t.gatesStride + t.from * 4L, extra = t.extra + row * t.extraStride + t.from * 4L;
            int j = 0;
            for (; j <= t.units - LANES; j += LANES) cellBlock(t, i + j, c + j, tmp + j, gates + j * 4L, extra + j * 4L, null);
            if (j < t.units) cellBlock(t, i + j, c + j, tmp + j, gates + j * 4L, extra + j * 4L, tail(j, t.units));
        }
    }

    private static void cellBlock(GateTiles t, int i, int c, int tmp, long gates, long extra, VectorMask<Float> m) {
        int slot = SgemmKernel.MR * t.ldt;
        FloatVector in = load(t.s, i, m), forget = load(t.s, i + slot, m), cand = load(t.s, i + 2 * slot, m);
        FloatVector cNext = forget.mul(load(t.s, c, m)).add(in.mul(cand));
        store(cNext, t.s, c, m);
        store(cNext, t.s, tmp, m);
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
            long out = t.out + row * t.outStride + t.from * 4L, gates = t.gates + row * t.gatesStride + (3L * t.hidden + t.from) * 4L;
            int j = 0;
            for (; j <= t.units - LANES; j += LANES) outputBlock(t, o + j, tmp + j, h + j, out + j * 4L, gates + j * 4L, null);
            if (j < t.units) outputBlock(t, o + j, tmp + j, h + j, out + j * 4L, gates + j * 4L, tail(j, t.units));
        }
    }

    private static void outputBlock(GateTiles t, int o, int tmp, int h, long out, long gates, VectorMask<Float> m) {
        FloatVector gate = load(t.s, o, m);
        FloatVector v = gate.mul(load(t.s, tmp, m));
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
            backwardCellSide(t, r0 + r, r);
        }
    }

    /** The scratch tile = tanh(c_t) of the block's rows. */
    private static void cellTanh(GateTiles t, int r0, int rows) {
        for (int r = 0; r < rows; r++) {
            long extra = t.extra + (r0 + r) * t.extraStride + t.from * 4L;
            int tmp = t.temp + r * t.ldt;
            int j = 0;
            for (; j <= t.units - LANES; j += LANES) tanhBlock(t, extra + j * 4L, tmp + j, null);
            if (j < t.units) tanhBlock(t, extra + j * 4L, tmp + j, tail(j, t.units));
        }
    }

    private static void tanhBlock(GateTiles t, long extra, int tmp, VectorMask<Float> m) {
        store(GateVectors.tanh(load(t.store, extra, m)), t.s, tmp, m);
    }

    /** dh = carried dh + dG·R + dOut; dc = carried dc + dh·o·tanh'(c_t) into the carried dc; the o gradient; carried dh = 0. */
    private static void backwardOutputSide(GateTiles t, int row, int r) {
        long gate = t.hidden * 4L, first = t.from * 4L;
        long gates = t.gates + row * t.gatesStride + 3 * gate + first;
        long dh = t.dh + row * gate + first, dc = t.dc + row * gate + first, dOut = t.dOut + row * t.dOutStride + first;
        int tile = t.tile(0, r), tmp = t.temp + r * t.ldt, a = t.aNext + row * t.lda + 3 * t.hidden + t.from;
        int j = 0;
        for (; j <= t.units - LANES; j += LANES) {
            outputSideBlock(t, gates + j * 4L, dh + j * 4L, dc + j * 4L, dOut + j * 4L, tile + j, tmp + j, a + j, null);
        }
        if (j < t.units) {
            outputSideBlock(t, gates + j * 4L, dh + j * 4L, dc + j * 4L, dOut + j * 4L, tile + j, tmp + j, a + j, tail(j, t.units));
        }
    }

    private static void outputSideBlock(GateTiles t, long gates, long dhAt, long dcAt, long dOut, int tile, int tmp, int a,
                                        VectorMask<Float> m) {
        FloatVector out = load(t.store, gates, m);
        FloatVector tanhC = load(t.s, tmp, m);
        FloatVector dh = load(t.work, dhAt, m).add(load(t.s, tile, m)).add(load(t.work, dOut, m));
        store(load(t.work, dcAt, m).add(dh.mul(out).mul(tanhSlope(tanhC))), t.work, dcAt, m);
        FloatVector dOutGate = dh.mul(tanhC).mul(sigmoidSlope(out));
        store(dOutGate, t.store, gates, m);
        store(dOutGate, t.s, a, m);
        store(GateVectors.ZERO, t.work, dhAt, m);
    }

    /** From dc in the carried dc: the i, f and g gradients, and dc_{t-1} = dc·f into the carried dc. */
    private static void backwardCellSide(GateTiles t, int row, int r) {
        long gate = t.hidden * 4L, first = t.from * 4L;
        long gates = t.gates + row * t.gatesStride + first, dc = t.dc + row * gate + first, prevC = t.previousC(row) + first;
        int a = t.aNext + row * t.lda + t.from;
        int j = 0;
        for (; j <= t.units - LANES; j += LANES) cellSideBlock(t, gates + j * 4L, dc + j * 4L, prevC + j * 4L, a + j, null);
        if (j < t.units) cellSideBlock(t, gates + j * 4L, dc + j * 4L, prevC + j * 4L, a + j, tail(j, t.units));
    }

    private static void cellSideBlock(GateTiles t, long gates, long dcAt, long prevC, int a, VectorMask<Float> m) {
        long gate = t.hidden * 4L;
        int column = t.hidden;
        FloatVector i = load(t.store, gates, m);
        FloatVector f = load(t.store, gates + gate, m);
        FloatVector g = load(t.store, gates + 2 * gate, m);
        FloatVector dc = load(t.work, dcAt, m);
        FloatVector di = dc.mul(g).mul(sigmoidSlope(i));
        FloatVector df = dc.mul(load(t.store, prevC, m)).mul(sigmoidSlope(f));
        FloatVector dg = dc.mul(i).mul(tanhSlope(g));
        store(di, t.store, gates, m);
        store(df, t.store, gates + gate, m);
        store(dg, t.store, gates + 2 * gate, m);
        store(di, t.s, a, m);
        store(df, t.s, a + column, m);
        store(dg, t.s, a + 2 * column, m);
        store(dc.mul(f), t.work, dcAt, m);
    }
}

package dev.rnn4j.cpu.internal;

import static dev.rnn4j.cpu.internal.GateVectors.LANES;
import static dev.rnn4j.cpu.internal.GateVectors.load;
import static dev.rnn4j.cpu.internal.GateVectors.sigmoidSlope;
import static dev.rnn4j.cpu.internal.GateVectors.tanhSlope;
import static dev.rnn4j.cpu.internal.GateVectors.store;
import static dev.rnn4j.cpu.internal.GateVectors.tail;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * LSTM, gates i, f, g, o: c' = σ(f)·c + σ(i)·tanh(g), h' = σ(o)·tanh(c'). Keeps the activations
 * [i, f, g, o] in gates and c' in extra.
 */
final class GateLstm implements GateCell {

    @Override
    public void forward(GateRow r, int hidden, int from, int to) {
        long gate = hidden * 4L, first = from * 4L;
        int n = to - from;
        GateVectors.sigmoidRows(r.store, r.gates + first, r.rows, r.gatesStride, n, r.work, r.bias + first);
        GateVectors.sigmoidRows(r.store, r.gates + gate + first, r.rows, r.gatesStride, n, r.work, r.bias + gate + first);
        GateVectors.tanhRows(r.store, r.gates + 2 * gate + first, r.rows, r.gatesStride, n, r.work, r.bias + 2 * gate + first);
        GateVectors.sigmoidRows(r.store, r.gates + 3 * gate + first, r.rows, r.gatesStride, n, r.work, r.bias + 3 * gate + first);
        forwardCell(r, gate, from, to);
        GateVectors.tanhRows(r.work, r.h + first, r.rows, r.stateStride, n);
        forwardOutput(r, gate, from, to);
    }

    /** c' = f·c + i·g into c, extra and h (where tanh(c') is taken next). */
    private static void forwardCell(GateRow r, long gate, int from, int to) {
        for (int k = 0; k < r.rows; k++) {
            long gates = r.gates + k * r.gatesStride, c = r.c + k * r.stateStride, h = r.h + k * r.stateStride, extra = r.extra + k * r.extraStride;
            int j = from;
            for (; j <= to - LANES; j += LANES) cellBlock(r, gate, gates, c, h, extra, j * 4L, null);
            if (j < to) cellBlock(r, gate, gates, c, h, extra, j * 4L, tail(j, to));
        }
    }

    private static void cellBlock(GateRow r, long gate, long gates, long c, long h, long extra, long o, VectorMask<Float> m) {
        FloatVector i = load(r.store, gates + o, m);
        FloatVector f = load(r.store, gates + o + gate, m);
        FloatVector g = load(r.store, gates + o + 2 * gate, m);
        FloatVector cNext = f.mul(load(r.work, c + o, m)).add(i.mul(g));
        store(cNext, r.store, extra + o, m);
        store(cNext, r.work, c + o, m);
        store(cNext, r.work, h + o, m);
    }

    /** h' = o·tanh(c') into h and out. */
    private static void forwardOutput(GateRow r, long gate, int from, int to) {
        for (int k = 0; k < r.rows; k++) {
            long gates = r.gates + k * r.gatesStride, h = r.h + k * r.stateStride, out = r.out + k * r.outStride;
            int j = from;
            for (; j <= to - LANES; j += LANES) outputBlock(r, gate, gates, h, out, j * 4L, null);
            if (j < to) outputBlock(r, gate, gates, h, out, j * 4L, tail(j, to));
        }
    }

    private static void outputBlock(GateRow r, long gate, long gates, long h, long out, long o, VectorMask<Float> m) {
        FloatVector v = load(r.store, gates + o + 3 * gate, m).mul(load(r.work, h + o, m));
        store(v, r.work, h + o, m);
        store(v, r.store, out + o, m);
    }

    /**
     * In passes of their own (separate methods, so separate compilation units: as one method, C2 passed
     * NodeCountInliningCutoff, left vector operations as calls and boxed their vectors on the heap).
     */
    @Override
    public void backward(GateRow r, int hidden, int from, int to) {
        long cellTanh = r.cellTanh + from * 4L;
        MemorySegment.copy(r.store, r.extra + from * 4L, r.work, cellTanh, (to - from) * 4L);
        GateVectors.tanhInPlace(r.work, cellTanh, to - from);
        backwardOutputSide(r, hidden * 4L, from, to);
        backwardCellSide(r, hidden * 4L, from, to);
    }

    /** dh = h + dOut; dc = c + dh·o·tanh'(c_t) into c; the o gradient; h = 0 (the GEMM adds dGates · R). */
    private static void backwardOutputSide(GateRow r, long gate, int from, int to) {
        int j = from;
        for (; j <= to - LANES; j += LANES) outputSideBlock(r, gate, j * 4L, null);
        if (j < to) outputSideBlock(r, gate, j * 4L, tail(j, to));
    }

    private static void outputSideBlock(GateRow r, long gate, long o, VectorMask<Float> m) {
        FloatVector out = load(r.store, r.gates + o + 3 * gate, m);
        FloatVector tanhC = load(r.work, r.cellTanh + o, m);
        FloatVector dh = load(r.work, r.h + o, m).add(load(r.work, r.dOut + o, m));
        store(load(r.work, r.c + o, m).add(dh.mul(out).mul(tanhSlope(tanhC))), r.work, r.c + o, m);
        store(dh.mul(tanhC).mul(sigmoidSlope(out)), r.store, r.gates + o + 3 * gate, m);
        store(GateVectors.ZERO, r.work, r.h + o, m);
    }

    /** From dc in c: the i, f and g gradients, and dc_{t-1} = dc·f into c. */
    private static void backwardCellSide(GateRow r, long gate, int from, int to) {
        int j = from;
        for (; j <= to - LANES; j += LANES) cellSideBlock(r, gate, j * 4L, null);
        if (j < to) cellSideBlock(r, gate, j * 4L, tail(j, to));
    }

    private static void cellSideBlock(GateRow r, long gate, long o, VectorMask<Float> m) {
        FloatVector i = load(r.store, r.gates + o, m);
        FloatVector f = load(r.store, r.gates + o + gate, m);
        FloatVector g = load(r.store, r.gates + o + 2 * gate, m);
        FloatVector dc = load(r.work, r.c + o, m);
        store(dc.mul(g).mul(sigmoidSlope(i)), r.store, r.gates + o, m);
        store(dc.mul(load(r.store, r.prevC + o, m)).mul(sigmoidSlope(f)), r.store, r.gates + o + gate, m);
        store(dc.mul(i).mul(tanhSlope(g)), r.store, r.gates + o + 2 * gate, m);
        store(dc.mul(f), r.work, r.c + o, m);
    }
}

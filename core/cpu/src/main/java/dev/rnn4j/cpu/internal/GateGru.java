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
 * GRU (cuDNN's, reset after): r = σ(.), z = σ(.), rn = R_n h + b_Rn, n = tanh(W_n x + b_Wn + r·rn),
 * h' = (1 − z)·n + z·h. Tile slots: r, z, W_n x, and R_n h in slot 3. Keeps [r, z, n] in gates and rn in
 * extra; backward overwrites extra with d(rn) = dn_pre·r, the n gate's recurrent-side gradient.
 */
final class GateGru implements GateCell {

    @Override
    public void forward(GateTiles t, int r0, int rows) {
        long gate = t.hidden * 4L, first = t.from * 4L;
        GateVectors.sigmoidTile(t.s, t.tile(0, 0), rows, t.ldt, t.units, t.work, t.bias + first);
        GateVectors.sigmoidTile(t.s, t.tile(1, 0), rows, t.ldt, t.units, t.work, t.bias + gate + first);
        forwardNewGate(t, r0, rows);
        GateVectors.tanhTile(t.s, t.tile(2, 0), rows, t.ldt, t.units);
        forwardOutput(t, r0, rows);
    }

    /** The n gate's recurrent product gets a tile of its own: the reset applies to it. */
    @Override
    public boolean recurrentInGates(int gate) {
        return gate != 2;
    }

    /** rn = R_n h + b_Rn (kept in training); n's pre-activation W_n x + b_Wn + r·rn over the W_n x tile. */
    private static void forwardNewGate(GateTiles t, int r0, int rows) {
        long biasOffset = (2L * t.hidden + t.from) * 4L;
        for (int r = 0; r < rows; r++) {
            int reset = t.tile(0, r);
            long extra = t.extra + t.global(r0 + r) * t.extraStride + t.from * 4L;
            int j = 0;
            for (; j <= t.units - LANES; j += LANES) newGateBlock(t, reset + j, extra + j * 4L, biasOffset + j * 4L, null);
            if (j < t.units) newGateBlock(t, reset + j, extra + j * 4L, biasOffset + j * 4L, tail(j, t.units));
        }
    }

    private static void newGateBlock(GateTiles t, int reset, long extra, long biasOffset, VectorMask<Float> m) {
        int slot = SgemmKernel.MR * t.ldt;
        FloatVector rn = tile(t.s, reset + 3 * slot).add(load(t.work, t.biasR + biasOffset, m));
        FloatVector nPre = tile(t.s, reset + 2 * slot).add(load(t.work, t.biasW + biasOffset, m)).add(tile(t.s, reset).mul(rn));
        tile(nPre, t.s, reset + 2 * slot);
        if (t.training) store(rn, t.store, extra, m);
    }

    /** h' = n + z·(h − n) into the next A rows and out; in training r, z and n kept. */
    private static void forwardOutput(GateTiles t, int r0, int rows) {
        for (int r = 0; r < rows; r++) {
            int row = r0 + r;
            int reset = t.tile(0, r), column = t.hColumn + t.from;
            int hIn = t.aCur + row * t.lda + column, h = t.aNext + row * t.lda + column;
            int k = t.global(row);
            long out = t.out + k * t.outStride + t.from * 4L, gates = t.gates + k * t.gatesStride + t.from * 4L;
            int j = 0;
            for (; j <= t.units - LANES; j += LANES) outputBlock(t, reset + j, hIn + j, h + j, out + j * 4L, gates + j * 4L, null);
            if (j < t.units) outputBlock(t, reset + j, hIn + j, h + j, out + j * 4L, gates + j * 4L, tail(j, t.units));
        }
    }

    private static void outputBlock(GateTiles t, int reset, int hIn, int hAt, long out, long gates, VectorMask<Float> m) {
        int slot = SgemmKernel.MR * t.ldt;
        FloatVector update = tile(t.s, reset + slot);
        FloatVector n = tile(t.s, reset + 2 * slot);
        FloatVector h = n.add(update.mul(load(t.s, hIn, m).sub(n)));
        store(h, t.s, hAt, m);
        store(h, t.store, out, m);
        if (t.training) {
            long gate = t.hidden * 4L;
            store(tile(t.s, reset), t.store, gates, m);
            store(update, t.store, gates + gate, m);
            store(n, t.store, gates + 2 * gate, m);
        }
    }

    @Override
    public void backward(GateTiles t, int r0, int rows) {
        for (int r = 0; r < rows; r++) {
            int row = r0 + r, k = t.global(row);
            long first = t.from * 4L;
            long gates = t.gates + k * t.gatesStride + first, extra = t.extra + k * t.extraStride + first;
            long dh = t.dh + k * t.hidden * 4L + first, dOut = t.dOut + k * t.dOutStride + first, hPrev = t.previousH(k) + first;
            int tile = t.tile(0, r);
            int j = 0;
            for (; j <= t.units - LANES; j += LANES) {
                backwardBlock(t, gates + j * 4L, extra + j * 4L, dh + j * 4L, dOut + j * 4L, hPrev + j * 4L, tile + j, null);
            }
            if (j < t.units) {
                backwardBlock(t, gates + j * 4L, extra + j * 4L, dh + j * 4L, dOut + j * 4L, hPrev + j * 4L, tile + j, tail(j, t.units));
            }
            t.copyGradients(row, k, 3, 2);
        }
    }

    private static void backwardBlock(GateTiles t, long gates, long extra, long dhAt, long dOut, long hPrevAt, int tile, VectorMask<Float> m) {
        long gate = t.hidden * 4L;
        FloatVector reset = load(t.store, gates, m);
        FloatVector update = load(t.store, gates + gate, m);
        FloatVector n = load(t.store, gates + 2 * gate, m);
        FloatVector rn = load(t.store, extra, m);
        FloatVector hPrev = load(t.store, hPrevAt, m);
        FloatVector dh = load(t.work, dhAt, m).add(tile(t.s, tile)).add(load(t.work, dOut, m));
        FloatVector dnPre = dh.sub(dh.mul(update)).mul(tanhSlope(n));
        FloatVector dzPre = dh.mul(hPrev.sub(n)).mul(sigmoidSlope(update));
        FloatVector drPre = dnPre.mul(rn).mul(sigmoidSlope(reset));
        FloatVector dRn = dnPre.mul(reset);
        store(drPre, t.store, gates, m);
        store(dzPre, t.store, gates + gate, m);
        store(dnPre, t.store, gates + 2 * gate, m);
        store(dRn, t.store, extra, m);
        store(dh.mul(update), t.work, dhAt, m);
    }
}

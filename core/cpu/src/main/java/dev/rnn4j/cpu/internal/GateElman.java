package dev.rnn4j.cpu.internal;

import static dev.rnn4j.cpu.internal.GateVectors.LANES;
import static dev.rnn4j.cpu.internal.GateVectors.load;
import static dev.rnn4j.cpu.internal.GateVectors.store;
import static dev.rnn4j.cpu.internal.GateVectors.tail;
import static dev.rnn4j.cpu.internal.GateVectors.tanhSlope;
import static dev.rnn4j.cpu.internal.GateVectors.tile;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/** h' = act(W x + b_W + R h + b_R) with act = tanh or relu. The activation h' is kept in gates. */
final class GateElman implements GateCell {

    private final boolean relu;

    GateElman(boolean relu) {
        this.relu = relu;
    }

    @Override
    public void forward(GateTiles t, int r0, int rows) {
        if (relu) {
            reluTile(t, rows);
        } else {
            GateVectors.tanhTile(t.s, t.tile(0, 0), rows, t.ldt, t.units, t.work, t.bias + t.from * 4L);
        }
        forwardOutput(t, r0, rows);
    }

    /** h' = max(a + b, 0) over the tile. */
    private static void reluTile(GateTiles t, int rows) {
        for (int r = 0; r < rows; r++) {
            int tile = t.tile(0, r);
            long bias = t.bias + t.from * 4L;
            int j = 0;
            for (; j <= t.units - LANES; j += LANES) reluBlock(t, tile + j, bias + j * 4L, null);
            if (j < t.units) reluBlock(t, tile + j, bias + j * 4L, tail(j, t.units));
        }
    }

    private static void reluBlock(GateTiles t, int tile, long bias, VectorMask<Float> m) {
        tile(tile(t.s, tile).add(load(t.work, bias, m)).max(GateVectors.ZERO), t.s, tile);
    }

    /** h' into the next A rows and out; in training into gates. */
    private static void forwardOutput(GateTiles t, int r0, int rows) {
        for (int r = 0; r < rows; r++) {
            int row = r0 + r;
            int tile = t.tile(0, r), h = t.aNext + row * t.lda + t.hColumn + t.from, k = t.global(row);
            long out = t.out + k * t.outStride + t.from * 4L, gates = t.gates + k * t.gatesStride + t.from * 4L;
            int j = 0;
            for (; j <= t.units - LANES; j += LANES) outputBlock(t, tile + j, h + j, out + j * 4L, gates + j * 4L, null);
            if (j < t.units) outputBlock(t, tile + j, h + j, out + j * 4L, gates + j * 4L, tail(j, t.units));
        }
    }

    private static void outputBlock(GateTiles t, int tile, int h, long out, long gates, VectorMask<Float> m) {
        FloatVector v = tile(t.s, tile);
        store(v, t.s, h, m);
        store(v, t.store, out, m);
        if (t.training) store(v, t.store, gates, m);
    }

    @Override
    public void backward(GateTiles t, int r0, int rows) {
        for (int r = 0; r < rows; r++) {
            int row = r0 + r, k = t.global(row);
            long first = t.from * 4L;
            long gates = t.gates + k * t.gatesStride + first, dh = t.dh + k * t.hidden * 4L + first;
            long dOut = t.dOut + k * t.dOutStride + first;
            int tile = t.tile(0, r);
            int j = 0;
            for (; j <= t.units - LANES; j += LANES) backwardBlock(t, gates + j * 4L, dh + j * 4L, dOut + j * 4L, tile + j, null);
            if (j < t.units) backwardBlock(t, gates + j * 4L, dh + j * 4L, dOut + j * 4L, tile + j, tail(j, t.units));
            t.copyGradients(row, k, 1, -1);
        }
    }

    private void backwardBlock(GateTiles t, long gates, long dhAt, long dOut, int tile, VectorMask<Float> m) {
        FloatVector dh = load(t.work, dhAt, m).add(tile(t.s, tile)).add(load(t.work, dOut, m));
        FloatVector h = load(t.store, gates, m);
        FloatVector da = relu
                ? dh.blend(GateVectors.ZERO, h.compare(VectorOperators.LE, GateVectors.ZERO))
                : dh.mul(tanhSlope(h));
        store(da, t.store, gates, m);
        store(GateVectors.ZERO, t.work, dhAt, m);
    }
}

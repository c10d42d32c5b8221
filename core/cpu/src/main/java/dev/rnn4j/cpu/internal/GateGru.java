package dev.rnn4j.cpu.internal;

import static dev.rnn4j.cpu.internal.GateVectors.LANES;
import static dev.rnn4j.cpu.internal.GateVectors.load;
import static dev.rnn4j.cpu.internal.GateVectors.sigmoidSlope;
import static dev.rnn4j.cpu.internal.GateVectors.tanhSlope;
import static dev.rnn4j.cpu.internal.GateVectors.store;
import static dev.rnn4j.cpu.internal.GateVectors.tail;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * GRU (cuDNN's, reset after): r = σ(.), z = σ(.), rn = R_n h + b_Rn, n = tanh(W_n x + b_Wn + r·rn),
 * h' = (1 − z)·n + z·h. Keeps [r, z, n] in gates and rn in extra; backward overwrites extra with
 * d(rn) = dn_pre·r, the n gate's recurrent-side gradient.
 */
final class GateGru implements GateCell {

    @Override
    public void forward(GateRow r, int hidden, int from, int to) {
        long gate = hidden * 4L, first = from * 4L;
        int n = to - from;
        GateVectors.sigmoidRows(r.store, r.gates + first, r.rows, r.gatesStride, n, r.work, r.bias + first);
        GateVectors.sigmoidRows(r.store, r.gates + gate + first, r.rows, r.gatesStride, n, r.work, r.bias + gate + first);
        forwardNewGate(r, gate, from, to);
        GateVectors.tanhRows(r.store, r.gates + 2 * gate + first, r.rows, r.gatesStride, n);
        forwardOutput(r, gate, from, to);
    }

    /** The recurrent gates get R h in gates; n gets R_n h in hr (reset applies to it). */
    @Override
    public boolean recurrentInGates(int gate) {
        return gate != 2;
    }

    /** rn = R_n h + b_Rn into extra; n's pre-activation W_n x + b_Wn + r·rn into gates. */
    private static void forwardNewGate(GateRow r, long gate, int from, int to) {
        for (int k = 0; k < r.rows; k++) {
            long gates = r.gates + k * r.gatesStride, hr = r.hr + k * r.hrStride, extra = r.extra + k * r.extraStride;
            for (int j = from; j < to; j += LANES) {
                VectorMask<Float> m = tail(j, to);
                long o = j * 4L;
                FloatVector reset = load(r.store, gates + o, m);
                FloatVector rn = load(r.work, hr + o + 2 * gate, m).add(load(r.work, r.biasR + o + 2 * gate, m));
                FloatVector nPre = load(r.store, gates + o + 2 * gate, m).add(load(r.work, r.biasW + o + 2 * gate, m)).add(reset.mul(rn));
                store(nPre, r.store, gates + o + 2 * gate, m);
                store(rn, r.store, extra + o, m);
            }
        }
    }

    /** h' = n + z·(h − n) into h and out. */
    private static void forwardOutput(GateRow r, long gate, int from, int to) {
        for (int k = 0; k < r.rows; k++) {
            long gates = r.gates + k * r.gatesStride, state = k * r.stateStride, out = r.out + k * r.outStride;
            for (int j = from; j < to; j += LANES) {
                VectorMask<Float> m = tail(j, to);
                long o = j * 4L;
                FloatVector update = load(r.store, gates + o + gate, m);
                FloatVector n = load(r.store, gates + o + 2 * gate, m);
                FloatVector h = n.add(update.mul(load(r.work, r.hIn + state + o, m).sub(n)));
                store(h, r.work, r.h + state + o, m);
                store(h, r.store, out + o, m);
            }
        }
    }

    @Override
    public void backward(GateRow r, int hidden, int from, int to) {
        long gate = hidden * 4L;
        for (int j = from; j < to; j += LANES) {
            VectorMask<Float> m = tail(j, to);
            long o = j * 4L;
            FloatVector reset = load(r.store, r.gates + o, m);
            FloatVector update = load(r.store, r.gates + o + gate, m);
            FloatVector n = load(r.store, r.gates + o + 2 * gate, m);
            FloatVector rn = load(r.store, r.extra + o, m);
            FloatVector hPrev = load(r.store, r.prevH + o, m);
            FloatVector dh = load(r.work, r.h + o, m).add(load(r.work, r.dOut + o, m));
            FloatVector dnPre = dh.sub(dh.mul(update)).mul(tanhSlope(n));
            FloatVector dzPre = dh.mul(hPrev.sub(n)).mul(sigmoidSlope(update));
            FloatVector drPre = dnPre.mul(rn).mul(sigmoidSlope(reset));
            store(drPre, r.store, r.gates + o, m);
            store(dzPre, r.store, r.gates + o + gate, m);
            store(dnPre, r.store, r.gates + o + 2 * gate, m);
            store(dnPre.mul(reset), r.store, r.extra + o, m);
            store(dh.mul(update), r.work, r.h + o, m);
        }
    }
}

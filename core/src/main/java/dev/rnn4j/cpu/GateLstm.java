package dev.rnn4j.cpu;

import static dev.rnn4j.cpu.GateVectors.LANES;
import static dev.rnn4j.cpu.GateVectors.load;
import static dev.rnn4j.cpu.GateVectors.sigmoidSlope;
import static dev.rnn4j.cpu.GateVectors.tanhSlope;
import static dev.rnn4j.cpu.GateVectors.sigmoid;
import static dev.rnn4j.cpu.GateVectors.store;
import static dev.rnn4j.cpu.GateVectors.tail;
import static dev.rnn4j.cpu.GateVectors.tanh;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * LSTM, gates i, f, g, o: c' = σ(f)·c + σ(i)·tanh(g), h' = σ(o)·tanh(c'). Keeps the activations
 * [i, f, g, o] in gates and c' in extra.
 */
final class GateLstm implements GateCell {

    @Override
    public void forward(GateRow r, int hidden) {
        long gate = hidden * 4L;
        for (int j = 0; j < hidden; j += LANES) {
            VectorMask<Float> m = tail(j, hidden);
            long o = j * 4L;
            FloatVector i = sigmoid(preActivation(r, o, m));
            FloatVector f = sigmoid(preActivation(r, o + gate, m));
            FloatVector g = tanh(preActivation(r, o + 2 * gate, m));
            FloatVector out = sigmoid(preActivation(r, o + 3 * gate, m));
            FloatVector c = f.mul(load(r.work, r.c + o, m)).add(i.mul(g));
            FloatVector h = out.mul(tanh(c));
            store(i, r.store, r.gates + o, m);
            store(f, r.store, r.gates + o + gate, m);
            store(g, r.store, r.gates + o + 2 * gate, m);
            store(out, r.store, r.gates + o + 3 * gate, m);
            store(c, r.store, r.extra + o, m);
            store(c, r.work, r.c + o, m);
            store(h, r.work, r.h + o, m);
            store(h, r.store, r.out + o, m);
        }
    }

    private static FloatVector preActivation(GateRow r, long o, VectorMask<Float> m) {
        return load(r.store, r.gates + o, m).add(load(r.work, r.hr + o, m))
                .add(load(r.work, r.biasW + o, m)).add(load(r.work, r.biasR + o, m));
    }

    @Override
    public void backward(GateRow r, int hidden) {
        long gate = hidden * 4L;
        for (int j = 0; j < hidden; j += LANES) {
            VectorMask<Float> m = tail(j, hidden);
            long o = j * 4L;
            FloatVector i = load(r.store, r.gates + o, m);
            FloatVector f = load(r.store, r.gates + o + gate, m);
            FloatVector g = load(r.store, r.gates + o + 2 * gate, m);
            FloatVector out = load(r.store, r.gates + o + 3 * gate, m);
            FloatVector tanhC = tanh(load(r.store, r.extra + o, m));
            FloatVector dh = load(r.work, r.h + o, m).add(load(r.work, r.dOut + o, m));
            FloatVector dc = load(r.work, r.c + o, m).add(dh.mul(out).mul(tanhSlope(tanhC)));
            FloatVector di = dc.mul(g).mul(sigmoidSlope(i));
            FloatVector df = dc.mul(load(r.store, r.prevC + o, m)).mul(sigmoidSlope(f));
            FloatVector dg = dc.mul(i).mul(tanhSlope(g));
            FloatVector dOut = dh.mul(tanhC).mul(sigmoidSlope(out));
            store(di, r.store, r.gates + o, m);
            store(df, r.store, r.gates + o + gate, m);
            store(dg, r.store, r.gates + o + 2 * gate, m);
            store(dOut, r.store, r.gates + o + 3 * gate, m);
            store(dc.mul(f), r.work, r.c + o, m);
            store(dh.broadcast(0f), r.work, r.h + o, m);
        }
    }
}

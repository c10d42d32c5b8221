package dev.rnn4j.cpu;

import static dev.rnn4j.cpu.GateVectors.LANES;
import static dev.rnn4j.cpu.GateVectors.load;
import static dev.rnn4j.cpu.GateVectors.tanhSlope;
import static dev.rnn4j.cpu.GateVectors.store;
import static dev.rnn4j.cpu.GateVectors.tail;

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
    public void forward(GateRow r, int hidden, int from, int to) {
        for (int j = from; j < to; j += LANES) {
            VectorMask<Float> m = tail(j, to);
            long o = j * 4L;
            FloatVector a = load(r.store, r.gates + o, m).add(load(r.work, r.hr + o, m))
                    .add(load(r.work, r.biasW + o, m)).add(load(r.work, r.biasR + o, m));
            store(relu ? a.max(GateVectors.ZERO) : a, r.store, r.gates + o, m);
        }
        if (!relu) GateVectors.tanhInPlace(r.store, r.gates + from * 4L, to - from);
        for (int j = from; j < to; j += LANES) {
            VectorMask<Float> m = tail(j, to);
            long o = j * 4L;
            FloatVector h = load(r.store, r.gates + o, m);
            store(h, r.work, r.h + o, m);
            store(h, r.store, r.out + o, m);
        }
    }

    @Override
    public void backward(GateRow r, int hidden, int from, int to) {
        for (int j = from; j < to; j += LANES) {
            VectorMask<Float> m = tail(j, to);
            long o = j * 4L;
            FloatVector dh = load(r.work, r.h + o, m).add(load(r.work, r.dOut + o, m));
            FloatVector h = load(r.store, r.gates + o, m);
            FloatVector da = relu
                    ? dh.blend(GateVectors.ZERO, h.compare(VectorOperators.LE, GateVectors.ZERO))
                    : dh.mul(tanhSlope(h));
            store(da, r.store, r.gates + o, m);
            store(GateVectors.ZERO, r.work, r.h + o, m);
        }
    }
}

package dev.rnn4j.cpu.internal;

import static dev.rnn4j.cpu.internal.GateVectors.LANES;
import static dev.rnn4j.cpu.internal.GateVectors.load;
import static dev.rnn4j.cpu.internal.GateVectors.tanhSlope;
import static dev.rnn4j.cpu.internal.GateVectors.store;
import static dev.rnn4j.cpu.internal.GateVectors.tail;

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
        long first = from * 4L;
        if (relu) {
            forwardRelu(r, from, to);
        } else {
            GateVectors.tanhRows(r.store, r.gates + first, r.rows, r.gatesStride, to - from, r.work, r.bias + first);
        }
        forwardOutput(r, from, to);
    }

    /** h' = max(a + b, 0) into gates. */
    private static void forwardRelu(GateRow r, int from, int to) {
        for (int k = 0; k < r.rows; k++) {
            long gates = r.gates + k * r.gatesStride;
            for (int j = from; j < to; j += LANES) {
                VectorMask<Float> m = tail(j, to);
                long o = j * 4L;
                store(load(r.store, gates + o, m).add(load(r.work, r.bias + o, m)).max(GateVectors.ZERO), r.store, gates + o, m);
            }
        }
    }

    /** h' from gates into h and out. */
    private static void forwardOutput(GateRow r, int from, int to) {
        for (int k = 0; k < r.rows; k++) {
            long gates = r.gates + k * r.gatesStride, h = r.h + k * r.stateStride, out = r.out + k * r.outStride;
            for (int j = from; j < to; j += LANES) {
                VectorMask<Float> m = tail(j, to);
                long o = j * 4L;
                FloatVector v = load(r.store, gates + o, m);
                store(v, r.work, h + o, m);
                store(v, r.store, out + o, m);
            }
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

package dev.rnn4j.bench.peers;

import dev.rnn4j.testing.ReferenceRnn;
import dev.rnn4j.testing.ReferenceRnnGradients;
import dev.rnn4j.rnn.RnnDataDescriptor;
import dev.rnn4j.rnn.RnnDataLayout;

/**
 * The double-precision reference of an {@link RnnProblem}, what both sides of an RNN case compute: core's
 * {@link ReferenceRnn} for y and its back-propagation {@link ReferenceRnnGradients} for the weight gradients of
 * sum(y · G), on the problem's data (sequence-major, full length, zero initial state, no dropout).
 */
final class RnnReference {

    private RnnReference() {
    }

    /** y of the batch entries {@code sequences} only, [T, n, D·H]: the reference runs one sequence at a time. */
    static double[] y(RnnProblem p, int[] sequences) {
        RnnShape shape = p.shape();
        float[] x = sequences(p.x(), shape.seqLength(), shape.batch(), shape.inputSize(), sequences);
        var xDesc = RnnDataDescriptor.full(shape.seqLength(), sequences.length, shape.inputSize(), RnnDataLayout.SEQ_MAJOR);
        return new ReferenceRnn(p.descriptor()).forward(xDesc, toDouble(x), null, null, toDouble(p.weightSpace()), null).y();
    }

    /** y of the whole batch, [T, B, D·H]. */
    static double[] y(RnnProblem p) {
        return y(p, all(p.shape().batch()));
    }

    /** dL/dW of L = sum(y · G), in the canonical weight space. */
    static double[] weightGradients(RnnProblem p) {
        RnnShape shape = p.shape();
        var xDesc = RnnDataDescriptor.full(shape.seqLength(), shape.batch(), shape.inputSize(), RnnDataLayout.SEQ_MAJOR);
        return new ReferenceRnnGradients(p.descriptor())
                .of(xDesc, toDouble(p.x()), null, null, toDouble(p.weightSpace()), toDouble(p.dy()), null, null).dw();
    }

    /** The batch entries {@code sequences} of sequence-major data [T, B, width], as [T, n, width]. */
    static float[] sequences(float[] data, int steps, int batch, int width, int[] sequences) {
        float[] out = new float[steps * sequences.length * width];
        for (int t = 0; t < steps; t++) {
            for (int k = 0; k < sequences.length; k++) {
                System.arraycopy(data, (t * batch + sequences[k]) * width, out, (t * sequences.length + k) * width, width);
            }
        }
        return out;
    }

    /** The first and the last batch entry (one entry when B = 1). */
    static int[] firstAndLast(int batch) {
        return batch == 1 ? new int[] {0} : new int[] {0, batch - 1};
    }

    private static int[] all(int batch) {
        int[] out = new int[batch];
        for (int b = 0; b < batch; b++) out[b] = b;
        return out;
    }

    static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) d[i] = v[i];
        return d;
    }
}

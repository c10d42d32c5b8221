package dev.rnn4j.testing;

import dev.rnn4j.rnn.RnnDataDescriptor;
import dev.rnn4j.rnn.RnnDataLayout;
import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.rnn.RnnMode;
import dev.rnn4j.rnn.RnnWeightLayout;

/**
 * A scalar double-precision RNN written straight from the equations, one sequence at a time, for tests.
 * It shares nothing with the kernels but the weight-space layout. Inputs are row-major in the caller's
 * layouts: x as xDesc.shape(), states [layers·directions, B, H], weights in the canonical weight space.
 * Public for other modules' tests (bench uses it through core's test-jar).
 */
public final class ReferenceRnn {

    /** The inter-layer dropout scale of element j of layer l's output at step t of batch sequence b. */
    public interface DropoutScale {
        double scale(int layer, int t, int b, int j);
    }

    /**
     * What one cell step of (layer, direction) at step t of batch sequence b read and computed: its input, the
     * previous h and c (c all zeros without a cell state), and the gate pre-activations aw = W·in + b_W and
     * ar = R·h + b_R [gates·H]. Lets {@link ReferenceRnnGradients} back-propagate without a second forward.
     */
    public interface StepTrace {
        void step(int b, int layer, int direction, int t, double[] in, double[] hPrev, double[] cPrev, double[] aw, double[] ar);
    }

    /**
     * Keras' dropout and recurrent_dropout masks of a one-layer, one-direction RNN, fixed per batch sequence b:
     * the input x_t ⊙ input(b, ·) enters W·x, the state h ⊙ state(b, ·) enters R·h (and nothing else).
     */
    public interface CellMasks {
        double input(int b, int i);

        double state(int b, int j);
    }

    public record Result(double[] y, double[] hy, double[] cy) {
        /** sum(y·gy) + sum(hy·gh) + sum(cy·gc); gc ignored without a cell state. */
        public double loss(double[] gy, double[] gh, double[] gc) {
            return dot(y, gy) + dot(hy, gh) + (cy == null ? 0 : dot(cy, gc));
        }
    }

    private final RnnDescriptor rnn;
    private final RnnWeightLayout layout;

    public ReferenceRnn(RnnDescriptor rnn) {
        this.rnn = rnn;
        this.layout = rnn.weightLayout();
    }

    /** hx, cx (zeros when null) and dropout (none when null) are optional. */
    public Result forward(RnnDataDescriptor xDesc, double[] x, double[] hx, double[] cx, double[] w, DropoutScale dropout) {
        return forward(xDesc, x, hx, cx, w, dropout, null);
    }

    /** The same, reporting every cell step to {@code trace} (none when null). */
    public Result forward(RnnDataDescriptor xDesc, double[] x, double[] hx, double[] cx, double[] w, DropoutScale dropout,
                          StepTrace trace) {
        return forward(xDesc, x, hx, cx, w, dropout, trace, null);
    }

    /** A one-layer, one-direction RNN with Keras' dropout masks on its input and on the state in R·h. */
    public Result forwardWithMasks(RnnDataDescriptor xDesc, double[] x, double[] hx, double[] cx, double[] w, CellMasks masks) {
        if (rnn.numLayers() != 1 || rnn.directions() != 1) throw new IllegalArgumentException("cell masks need one layer and one direction");
        return forward(xDesc, x, hx, cx, w, null, null, masks);
    }

    private Result forward(RnnDataDescriptor xDesc, double[] x, double[] hx, double[] cx, double[] w, DropoutScale dropout,
                           StepTrace trace, CellMasks masks) {
        int batch = xDesc.batchSize();
        int steps = xDesc.maxSeqLength();
        int hidden = rnn.hiddenSize();
        int dirs = rnn.directions();
        int states = rnn.numLayers() * dirs;
        double[] y = new double[steps * batch * rnn.outputSize()];
        double[] hy = new double[states * batch * hidden];
        double[] cy = rnn.mode().hasCellState() ? new double[states * batch * hidden] : null;
        for (int b = 0; b < batch; b++) {
            int length = xDesc.seqLength(b);
            double[][] in = new double[length][rnn.inputSize()];
            for (int t = 0; t < length; t++) {
                for (int i = 0; i < rnn.inputSize(); i++) {
                    in[t][i] = x[sequenceIndex(xDesc, t, b, i, rnn.inputSize())] * (masks == null ? 1 : masks.input(b, i));
                }
            }
            for (int l = 0; l < rnn.numLayers(); l++) {
                double[][] out = new double[length][rnn.outputSize()];
                for (int d = 0; d < dirs; d++) {
                    int ld = l * dirs + d;
                    double[] h = new double[hidden];
                    double[] c = new double[hidden];
                    for (int j = 0; j < hidden; j++) {
                        h[j] = hx == null ? 0 : hx[(ld * batch + b) * hidden + j];
                        c[j] = cx == null ? 0 : cx[(ld * batch + b) * hidden + j];
                    }
                    for (int s = 0; s < length; s++) {
                        int t = d == 0 ? s : length - 1 - s;
                        double[] aw = new double[layout.gateRows()];
                        double[] ar = new double[layout.gateRows()];
                        if (trace != null) trace.step(b, l, d, t, in[t].clone(), h.clone(), c.clone(), aw, ar);
                        double[] hForR = h;
                        if (masks != null) {
                            hForR = new double[hidden];
                            for (int j = 0; j < hidden; j++) hForR[j] = h[j] * masks.state(b, j);
                        }
                        step(l, d, w, in[t], h, hForR, c, aw, ar);
                        System.arraycopy(h, 0, out[t], d * hidden, hidden);
                    }
                    for (int j = 0; j < hidden; j++) {
                        hy[(ld * batch + b) * hidden + j] = h[j];
                        if (cy != null) cy[(ld * batch + b) * hidden + j] = c[j];
                    }
                }
                if (dropout != null && l < rnn.numLayers() - 1) {
                    for (int t = 0; t < length; t++) {
                        for (int j = 0; j < rnn.outputSize(); j++) out[t][j] *= dropout.scale(l, t, b, j);
                    }
                }
                in = out;
            }
            for (int t = 0; t < length; t++) {
                for (int j = 0; j < rnn.outputSize(); j++) y[sequenceIndex(xDesc, t, b, j, rnn.outputSize())] = in[t][j];
            }
        }
        return new Result(y, hy, cy);
    }

    /**
     * One cell step of (layer, direction): updates h (and c) in place, writes the pre-activations into aw and ar;
     * R multiplies {@code hForR} (h itself, or h under a recurrent-dropout mask).
     */
    private void step(int l, int d, double[] w, double[] in, double[] h, double[] hForR, double[] c, double[] aw, double[] ar) {
        int hidden = rnn.hiddenSize();
        int rows = layout.gateRows();
        int width = rnn.layerInputSize(l);
        long wOff = layout.inputWeightOffset(l, d);
        long rOff = layout.recurrentWeightOffset(l, d);
        long bwOff = layout.inputBiasOffset(l, d);
        long brOff = layout.recurrentBiasOffset(l, d);
        for (int r = 0; r < rows; r++) {
            double sw = bwOff < 0 ? 0 : w[(int) bwOff + r];
            for (int i = 0; i < width; i++) sw += w[(int) (wOff + (long) r * width + i)] * in[i];
            double sr = brOff < 0 ? 0 : w[(int) brOff + r];
            for (int j = 0; j < hidden; j++) sr += w[(int) (rOff + (long) r * hidden + j)] * hForR[j];
            aw[r] = sw;
            ar[r] = sr;
        }
        for (int j = 0; j < hidden; j++) {
            switch (rnn.mode()) {
                case RNN_TANH -> h[j] = Math.tanh(aw[j] + ar[j]);
                case RNN_RELU -> h[j] = Math.max(0, aw[j] + ar[j]);
                case LSTM -> {
                    double i = sigmoid(aw[j] + ar[j]);
                    double f = sigmoid(aw[hidden + j] + ar[hidden + j]);
                    double g = Math.tanh(aw[2 * hidden + j] + ar[2 * hidden + j]);
                    double o = sigmoid(aw[3 * hidden + j] + ar[3 * hidden + j]);
                    c[j] = f * c[j] + i * g;
                    h[j] = o * Math.tanh(c[j]);
                }
                case GRU -> {
                    double r = sigmoid(aw[j] + ar[j]);
                    double z = sigmoid(aw[hidden + j] + ar[hidden + j]);
                    double n = Math.tanh(aw[2 * hidden + j] + r * ar[2 * hidden + j]);
                    h[j] = (1 - z) * n + z * h[j];
                }
            }
        }
    }

    public static int sequenceIndex(RnnDataDescriptor desc, int t, int b, int i, int width) {
        return desc.layout() == RnnDataLayout.SEQ_MAJOR
                ? (t * desc.batchSize() + b) * width + i
                : (b * desc.maxSeqLength() + t) * width + i;
    }

    public static double sigmoid(double a) {
        return 1 / (1 + Math.exp(-a));
    }

    public static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}

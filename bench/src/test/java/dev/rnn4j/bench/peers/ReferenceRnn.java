package dev.rnn4j.bench.peers;

import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.rnn.RnnWeightLayout;

/**
 * Scalar double-precision RNN forward straight from the canonical weight layout's definition (test oracle):
 * stacked layers, both directions, zero initial state, sequence-major x [T, B, I] → y [T, B, D·H].
 */
final class ReferenceRnn {

    private ReferenceRnn() {
    }

    static double[] forward(RnnDescriptor rnn, int seqLength, int batch, double[] w, double[] x) {
        RnnWeightLayout layout = rnn.weightLayout();
        int h = rnn.hiddenSize();
        int out = rnn.outputSize();
        double[] input = x;
        for (int layer = 0; layer < rnn.numLayers(); layer++) {
            int in = rnn.layerInputSize(layer);
            double[] y = new double[seqLength * batch * out];
            for (int dir = 0; dir < rnn.directions(); dir++) {
                for (int b = 0; b < batch; b++) {
                    double[] hState = new double[h];
                    double[] cState = new double[h];
                    for (int s = 0; s < seqLength; s++) {
                        int t = dir == 0 ? s : seqLength - 1 - s;
                        double[] xt = new double[in];
                        System.arraycopy(input, (t * batch + b) * in, xt, 0, in);
                        step(rnn, layout, layer, dir, w, xt, hState, cState);
                        System.arraycopy(hState, 0, y, (t * batch + b) * out + dir * h, h);
                    }
                }
            }
            input = y;
        }
        return input;
    }

    /** One cell step; updates h (and c for LSTM) in place. */
    private static void step(RnnDescriptor rnn, RnnWeightLayout layout, int layer, int dir, double[] w, double[] x,
                             double[] h, double[] c) {
        int hidden = rnn.hiddenSize();
        int rows = layout.gateRows();
        double[] wx = new double[rows];
        double[] rh = new double[rows];
        int wOff = (int) layout.inputWeightOffset(layer, dir);
        int rOff = (int) layout.recurrentWeightOffset(layer, dir);
        long bw = layout.inputBiasOffset(layer, dir);
        long br = layout.recurrentBiasOffset(layer, dir);
        for (int r = 0; r < rows; r++) {
            double a = bw >= 0 ? w[(int) bw + r] : 0;
            for (int k = 0; k < x.length; k++) a += w[wOff + r * x.length + k] * x[k];
            double b = br >= 0 ? w[(int) br + r] : 0;
            for (int k = 0; k < hidden; k++) b += w[rOff + r * hidden + k] * h[k];
            wx[r] = a;
            rh[r] = b;
        }
        double[] next = new double[hidden];
        for (int j = 0; j < hidden; j++) {
            next[j] = switch (rnn.mode()) {
                case RNN_TANH -> Math.tanh(wx[j] + rh[j]);
                case RNN_RELU -> Math.max(0, wx[j] + rh[j]);
                case LSTM -> {
                    double i = sigmoid(wx[j] + rh[j]);
                    double f = sigmoid(wx[hidden + j] + rh[hidden + j]);
                    double g = Math.tanh(wx[2 * hidden + j] + rh[2 * hidden + j]);
                    double o = sigmoid(wx[3 * hidden + j] + rh[3 * hidden + j]);
                    c[j] = f * c[j] + i * g;
                    yield o * Math.tanh(c[j]);
                }
                case GRU -> {
                    double r = sigmoid(wx[j] + rh[j]);
                    double z = sigmoid(wx[hidden + j] + rh[hidden + j]);
                    double n = Math.tanh(wx[2 * hidden + j] + r * rh[2 * hidden + j]);
                    yield (1 - z) * n + z * h[j];
                }
            };
        }
        System.arraycopy(next, 0, h, 0, hidden);
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) d[i] = v[i];
        return d;
    }
}

package dev.rnn4j.testing;

import dev.rnn4j.rnn.RnnDataDescriptor;
import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.rnn.RnnWeightLayout;

/**
 * The gradients of L = sum(y·gy) + sum(hy·gh) + sum(cy·gc) for {@link ReferenceRnn}, by back-propagation
 * through time in double precision, written from the cell equations (the chain rule applied to the gate
 * pre-activations that the reference's forward reports through its {@link ReferenceRnn.StepTrace}). One
 * sequence at a time, ragged batches as the reference treats them, no dropout. Checked against central
 * finite differences of the reference ({@code ReferenceRnnGradientsTest}); cheap enough for shapes where
 * finite differences of every weight are not. Public for other modules (bench uses it through core's
 * test-jar).
 */
public final class ReferenceRnnGradients {

    /** The forward outputs and dL/dx, dL/dhx, dL/dcx (null without a cell state) and dL/dw (canonical weight space). */
    public record Result(ReferenceRnn.Result forward, double[] dx, double[] dhx, double[] dcx, double[] dw) {
    }

    /** The pre-activations and inputs of one cell step, as the forward reported them. */
    private record Step(double[] in, double[] hPrev, double[] cPrev, double[] aw, double[] ar) {
    }

    private final RnnDescriptor rnn;
    private final RnnWeightLayout layout;

    public ReferenceRnnGradients(RnnDescriptor rnn) {
        this.rnn = rnn;
        this.layout = rnn.weightLayout();
    }

    /** hx, cx (zeros when null), gh and gc (zeros when null; gc ignored without a cell state) are optional. */
    public Result of(RnnDataDescriptor xDesc, double[] x, double[] hx, double[] cx, double[] w, double[] gy, double[] gh, double[] gc) {
        int batch = xDesc.batchSize();
        int dirs = rnn.directions();
        Step[][][][] steps = new Step[batch][rnn.numLayers()][dirs][];
        for (int b = 0; b < batch; b++) {
            for (int l = 0; l < rnn.numLayers(); l++) {
                for (int d = 0; d < dirs; d++) steps[b][l][d] = new Step[xDesc.seqLength(b)];
            }
        }
        ReferenceRnn.Result forward = new ReferenceRnn(rnn).forward(xDesc, x, hx, cx, w, null,
                (b, l, d, t, in, hPrev, cPrev, aw, ar) -> steps[b][l][d][t] = new Step(in, hPrev, cPrev, aw, ar));
        boolean cell = rnn.mode().hasCellState();
        int states = rnn.numLayers() * dirs * batch * rnn.hiddenSize();
        double[] dx = new double[x.length];
        double[] dhx = new double[states];
        double[] dcx = cell ? new double[states] : null;
        double[] dw = new double[w.length];
        for (int b = 0; b < batch; b++) {
            int length = xDesc.seqLength(b);
            double[][] dOut = new double[length][rnn.outputSize()];
            for (int t = 0; t < length; t++) {
                for (int j = 0; j < rnn.outputSize(); j++) dOut[t][j] = gy[ReferenceRnn.sequenceIndex(xDesc, t, b, j, rnn.outputSize())];
            }
            for (int l = rnn.numLayers() - 1; l >= 0; l--) {
                double[][] dIn = new double[length][rnn.layerInputSize(l)];
                for (int d = 0; d < dirs; d++) {
                    backLayerDirection(l, d, b, batch, steps[b][l][d], w, dOut, dIn, gh, cell ? gc : null, dhx, dcx, dw);
                }
                dOut = dIn;
            }
            for (int t = 0; t < length; t++) {
                for (int i = 0; i < rnn.inputSize(); i++) dx[ReferenceRnn.sequenceIndex(xDesc, t, b, i, rnn.inputSize())] = dOut[t][i];
            }
        }
        return new Result(forward, dx, dhx, dcx, dw);
    }

    /** Back through the steps of (layer l, direction d) of sequence b, last step first; adds into dIn and dw, writes dhx, dcx. */
    private void backLayerDirection(int l, int d, int b, int batch, Step[] steps, double[] w, double[][] dOut, double[][] dIn,
                                    double[] gh, double[] gc, double[] dhx, double[] dcx, double[] dw) {
        int hidden = rnn.hiddenSize();
        int rows = layout.gateRows();
        int width = rnn.layerInputSize(l);
        int state = (l * rnn.directions() + d) * batch + b;
        long wOff = layout.inputWeightOffset(l, d);
        long rOff = layout.recurrentWeightOffset(l, d);
        long bwOff = layout.inputBiasOffset(l, d);
        long brOff = layout.recurrentBiasOffset(l, d);
        double[] dh = new double[hidden];
        double[] dc = new double[hidden];
        for (int j = 0; j < hidden; j++) {
            dh[j] = gh == null ? 0 : gh[state * hidden + j];
            dc[j] = gc == null ? 0 : gc[state * hidden + j];
        }
        int length = steps.length;
        for (int s = length - 1; s >= 0; s--) {
            int t = d == 0 ? s : length - 1 - s;
            Step step = steps[t];
            for (int j = 0; j < hidden; j++) dh[j] += dOut[t][d * hidden + j];
            double[] daw = new double[rows];
            double[] dar = new double[rows];
            double[] dhPrev = new double[hidden];
            cellBackward(step, dh, dc, daw, dar, dhPrev);
            for (int r = 0; r < rows; r++) {
                if (bwOff >= 0) dw[(int) bwOff + r] += daw[r];
                if (brOff >= 0) dw[(int) brOff + r] += dar[r];
                for (int i = 0; i < width; i++) {
                    int k = (int) (wOff + (long) r * width + i);
                    dw[k] += daw[r] * step.in()[i];
                    dIn[t][i] += w[k] * daw[r];
                }
                for (int j = 0; j < hidden; j++) {
                    int k = (int) (rOff + (long) r * hidden + j);
                    dw[k] += dar[r] * step.hPrev()[j];
                    dhPrev[j] += w[k] * dar[r];
                }
            }
            dh = dhPrev;
        }
        for (int j = 0; j < hidden; j++) {
            dhx[state * hidden + j] = dh[j];
            if (dcx != null) dcx[state * hidden + j] = dc[j];
        }
    }

    /**
     * One cell step backwards: from dh (and dc) after the step, the gradients of the pre-activations aw and ar,
     * the part of dh_prev that does not pass through R (GRU's z·dh), and dc_prev (in place of dc).
     */
    private void cellBackward(Step step, double[] dh, double[] dc, double[] daw, double[] dar, double[] dhPrev) {
        int hidden = rnn.hiddenSize();
        double[] aw = step.aw();
        double[] ar = step.ar();
        for (int j = 0; j < hidden; j++) {
            switch (rnn.mode()) {
                case RNN_TANH -> {
                    double h = Math.tanh(aw[j] + ar[j]);
                    daw[j] = dar[j] = dh[j] * (1 - h * h);
                }
                case RNN_RELU -> daw[j] = dar[j] = aw[j] + ar[j] > 0 ? dh[j] : 0;
                case LSTM -> {
                    double i = ReferenceRnn.sigmoid(aw[j] + ar[j]);
                    double f = ReferenceRnn.sigmoid(aw[hidden + j] + ar[hidden + j]);
                    double g = Math.tanh(aw[2 * hidden + j] + ar[2 * hidden + j]);
                    double o = ReferenceRnn.sigmoid(aw[3 * hidden + j] + ar[3 * hidden + j]);
                    double c = f * step.cPrev()[j] + i * g;
                    double tanhC = Math.tanh(c);
                    double dcTotal = dc[j] + dh[j] * o * (1 - tanhC * tanhC);
                    daw[j] = dar[j] = dcTotal * g * i * (1 - i);
                    daw[hidden + j] = dar[hidden + j] = dcTotal * step.cPrev()[j] * f * (1 - f);
                    daw[2 * hidden + j] = dar[2 * hidden + j] = dcTotal * i * (1 - g * g);
                    daw[3 * hidden + j] = dar[3 * hidden + j] = dh[j] * tanhC * o * (1 - o);
                    dc[j] = dcTotal * f;
                }
                case GRU -> {
                    double r = ReferenceRnn.sigmoid(aw[j] + ar[j]);
                    double z = ReferenceRnn.sigmoid(aw[hidden + j] + ar[hidden + j]);
                    double n = Math.tanh(aw[2 * hidden + j] + r * ar[2 * hidden + j]);
                    double dn = dh[j] * (1 - z) * (1 - n * n);
                    double dr = dn * ar[2 * hidden + j] * r * (1 - r);
                    double dz = dh[j] * (step.hPrev()[j] - n) * z * (1 - z);
                    daw[j] = dar[j] = dr;
                    daw[hidden + j] = dar[hidden + j] = dz;
                    daw[2 * hidden + j] = dn;
                    dar[2 * hidden + j] = dn * r;
                    dhPrev[j] = dh[j] * z;
                }
            }
        }
    }
}

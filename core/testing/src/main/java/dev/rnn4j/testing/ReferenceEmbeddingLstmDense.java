package dev.rnn4j.testing;

import dev.rnn4j.rnn.RnnBiasMode;
import dev.rnn4j.rnn.RnnDataDescriptor;
import dev.rnn4j.rnn.RnnDataLayout;
import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.rnn.RnnMode;
import java.util.Arrays;
import java.util.List;

/**
 * Embedding [V, E] → one LSTM layer (E → H, both biases) → Dense [classes, H] + [classes] → softmax
 * cross-entropy averaged over every token, trained by Adam, all in double precision: the reference of the
 * training-path tests (TorchParityTest) and of the char-LM check in bench/peers. The forward is
 * {@link ReferenceRnn} between two plain loops; the gradient is the chain rule through them and
 * {@link ReferenceRnnGradients} (checked against finite differences of the loss by
 * ReferenceEmbeddingLstmDenseTest); Adam is torch.optim.Adam's update. Parameters are one flat vector: the table, the
 * LSTM's canonical weight space, the dense weight in PyTorch's Linear layout (logits = y·Wᵀ + b), the dense
 * bias. Token n is row n of y in the LSTM's data layout ([B·T] batch-major or [T·B] sequence-major); ids and
 * labels are indexed the same way. Public for other modules (bench uses it through core's test-jar).
 */
public final class ReferenceEmbeddingLstmDense {

    private final int vocab;
    private final int embed;
    private final int hidden;
    private final int classes;
    private final RnnDescriptor lstm;
    private final RnnDataDescriptor xDesc;
    private final int rnnWeights;

    public ReferenceEmbeddingLstmDense(int vocab, int embed, int hidden, int classes, int steps, int batch, RnnDataLayout layout) {
        this.vocab = vocab;
        this.embed = embed;
        this.hidden = hidden;
        this.classes = classes;
        this.lstm = new RnnDescriptor(RnnMode.LSTM, 1, false, embed, hidden, RnnBiasMode.DOUBLE_BIAS, 0f, 0L);
        this.xDesc = RnnDataDescriptor.full(steps, batch, embed, layout);
        this.rnnWeights = Math.toIntExact(lstm.weightLayout().size());
    }

    /** The LSTM, whose canonical weight space is the second part of the parameters. */
    public RnnDescriptor lstm() {
        return lstm;
    }

    /** The flat parameter vector from its four parts: table, LSTM weight space, dense weight, dense bias. */
    public double[] parameters(float[] table, float[] lstmWeightSpace, float[] denseWeight, float[] denseBias) {
        float[][] parts = {table, lstmWeightSpace, denseWeight, denseBias};
        int[] sizes = {vocab * embed, rnnWeights, classes * hidden, classes};
        int total = 0;
        for (int k = 0; k < parts.length; k++) {
            if (parts[k].length != sizes[k]) throw new IllegalArgumentException("part " + k + " has " + parts[k].length + " values, expected " + sizes[k]);
            total += sizes[k];
        }
        double[] out = new double[total];
        int at = 0;
        for (float[] part : parts) {
            for (float v : part) out[at++] = v;
        }
        return out;
    }

    /** Mean over the tokens of −log softmax(logits)[label]. */
    public double loss(double[] parameters, int[] ids, int[] labels) {
        return run(parameters, ids, labels, false).loss();
    }

    /**
     * The gradient of {@link #loss} with respect to every parameter: softmax − one-hot over the tokens, the dense
     * layer's transpose, {@link ReferenceRnnGradients} through the LSTM, scattered into the table rows of the ids.
     */
    public double[] gradient(double[] parameters, int[] ids, int[] labels) {
        return run(parameters, ids, labels, true).gradient();
    }

    private record Run(double loss, double[] gradient) {
    }

    private Run run(double[] parameters, int[] ids, int[] labels, boolean backward) {
        int tokens = xDesc.maxSeqLength() * xDesc.batchSize();
        double[] x = new double[tokens * embed];
        for (int n = 0; n < tokens; n++) System.arraycopy(parameters, ids[n] * embed, x, n * embed, embed);
        int rnnOffset = vocab * embed;
        int dense = rnnOffset + rnnWeights;
        int bias = dense + classes * hidden;
        double[] w = Arrays.copyOfRange(parameters, rnnOffset, dense);
        double[] y = new ReferenceRnn(lstm).forward(xDesc, x, null, null, w, null).y();
        double[] grad = backward ? new double[parameters.length] : null;
        double[] dy = backward ? new double[y.length] : null;
        double sum = 0;
        double[] logits = new double[classes];
        for (int n = 0; n < tokens; n++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) {
                double z = parameters[bias + k];
                for (int j = 0; j < hidden; j++) z += y[n * hidden + j] * parameters[dense + k * hidden + j];
                logits[k] = z;
                max = Math.max(max, z);
            }
            double exp = 0;
            for (int k = 0; k < classes; k++) exp += Math.exp(logits[k] - max);
            double logSumExp = max + Math.log(exp);
            sum += logSumExp - logits[labels[n]];
            if (!backward) continue;
            for (int k = 0; k < classes; k++) {
                double dLogit = (Math.exp(logits[k] - logSumExp) - (k == labels[n] ? 1 : 0)) / tokens;
                grad[bias + k] += dLogit;
                for (int j = 0; j < hidden; j++) {
                    grad[dense + k * hidden + j] += dLogit * y[n * hidden + j];
                    dy[n * hidden + j] += dLogit * parameters[dense + k * hidden + j];
                }
            }
        }
        if (backward) {
            ReferenceRnnGradients.Result rnn = new ReferenceRnnGradients(lstm).of(xDesc, x, null, null, w, dy, null, null);
            System.arraycopy(rnn.dw(), 0, grad, rnnOffset, rnnWeights);
            for (int n = 0; n < tokens; n++) {
                for (int e = 0; e < embed; e++) grad[ids[n] * embed + e] += rnn.dx()[n * embed + e];
            }
        }
        return new Run(sum / tokens, grad);
    }

    /**
     * The loss of each step of Adam (torch.optim.Adam: bias-corrected moments, eps added to the corrected root)
     * on the given batches, from {@code initial} (not modified); each loss is taken before that step's update.
     */
    public double[] adamLosses(double[] initial, List<int[]> ids, List<int[]> labels, double lr, double beta1, double beta2, double eps) {
        double[] p = initial.clone();
        double[] m = new double[p.length];
        double[] v = new double[p.length];
        double[] losses = new double[ids.size()];
        for (int s = 0; s < ids.size(); s++) {
            int[] stepIds = ids.get(s);
            int[] stepLabels = labels.get(s);
            losses[s] = loss(p, stepIds, stepLabels);
            double[] g = gradient(p, stepIds, stepLabels);
            int t = s + 1;
            double correction1 = 1 - Math.pow(beta1, t);
            double correction2 = 1 - Math.pow(beta2, t);
            for (int i = 0; i < p.length; i++) {
                m[i] = beta1 * m[i] + (1 - beta1) * g[i];
                v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
                p[i] -= lr * (m[i] / correction1) / (Math.sqrt(v[i] / correction2) + eps);
            }
        }
        return losses;
    }
}

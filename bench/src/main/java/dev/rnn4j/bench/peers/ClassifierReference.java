package dev.rnn4j.bench.peers;

import dev.rnn4j.rnn.RnnDataDescriptor;
import dev.rnn4j.rnn.RnnDataLayout;
import dev.rnn4j.testing.ReferenceRnn;
import dev.rnn4j.testing.ReferenceRnnGradients;
import java.util.Arrays;

/**
 * The classifier of {@link ClassifierProblem} in double precision, written from its definition: the embedding
 * rows of each row's valid tokens, core's {@link ReferenceRnn} (bidirectional, each row over its own length: the
 * forward direction ends at the last valid token, the reverse one at the first), its final states concatenated
 * [h_forward, h_reverse], the dense layer, and the mean softmax cross-entropy over the rows. The gradient of every
 * parameter goes back through the dense layer by hand and through the LSTM by core's
 * {@link ReferenceRnnGradients} (the states' gradients), then into the table rows of the ids. Parameters are one
 * flat vector: the table, the canonical bidirectional weight space, the dense weight [C, 2H], the dense bias.
 */
final class ClassifierReference {

    private final ClassifierProblem p;
    private final RnnDataDescriptor xDesc;
    private final int rnnWeights;

    ClassifierReference(ClassifierProblem problem) {
        this.p = problem;
        this.xDesc = new RnnDataDescriptor(problem.maxLength(), problem.batch(), problem.embed(), problem.lengths(), RnnDataLayout.BATCH_MAJOR);
        this.rnnWeights = Math.toIntExact(problem.rnn().weightLayout().size());
    }

    /** The problem's parameters as one vector. */
    double[] parameters() {
        float[][] parts = {p.table(), p.rnnWeights(), p.denseWeight(), p.denseBias()};
        double[] out = new double[Arrays.stream(parts).mapToInt(a -> a.length).sum()];
        int at = 0;
        for (float[] part : parts) {
            for (float v : part) out[at++] = v;
        }
        return out;
    }

    /** Mean over the rows of −log softmax(logits)[label]. */
    double loss(double[] parameters) {
        return run(parameters, false).loss();
    }

    /** The gradient of {@link #loss} with respect to every parameter. */
    double[] gradient(double[] parameters) {
        return run(parameters, true).gradient();
    }

    private record Run(double loss, double[] gradient) {
    }

    private Run run(double[] parameters, boolean backward) {
        int b = p.batch(), t = p.maxLength(), e = p.embed(), h = p.hidden(), c = p.classes();
        double[] x = new double[b * t * e];
        for (int r = 0; r < b; r++) {
            for (int s = 0; s < p.lengths()[r]; s++) System.arraycopy(parameters, p.ids()[r * t + s] * e, x, (r * t + s) * e, e);
        }
        int rnnAt = p.vocab() * e;
        int denseAt = rnnAt + rnnWeights;
        int biasAt = denseAt + c * 2 * h;
        double[] w = Arrays.copyOfRange(parameters, rnnAt, denseAt);
        double[] hy = new ReferenceRnn(p.rnn()).forward(xDesc, x, null, null, w, null).hy();
        double[] grad = backward ? new double[parameters.length] : null;
        double[] gh = backward ? new double[hy.length] : null;
        double sum = 0;
        double[] feature = new double[2 * h];
        double[] logits = new double[c];
        for (int r = 0; r < b; r++) {
            for (int d = 0; d < 2; d++) System.arraycopy(hy, (d * b + r) * h, feature, d * h, h);
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < c; k++) {
                double z = parameters[biasAt + k];
                for (int j = 0; j < 2 * h; j++) z += feature[j] * parameters[denseAt + k * 2 * h + j];
                logits[k] = z;
                max = Math.max(max, z);
            }
            double exp = 0;
            for (int k = 0; k < c; k++) exp += Math.exp(logits[k] - max);
            double logSumExp = max + Math.log(exp);
            int label = p.labels()[r];
            sum += logSumExp - logits[label];
            if (!backward) continue;
            for (int k = 0; k < c; k++) {
                double dLogit = (Math.exp(logits[k] - logSumExp) - (k == label ? 1 : 0)) / b;
                grad[biasAt + k] += dLogit;
                for (int j = 0; j < 2 * h; j++) {
                    grad[denseAt + k * 2 * h + j] += dLogit * feature[j];
                    gh[((j / h) * b + r) * h + j % h] += dLogit * parameters[denseAt + k * 2 * h + j];
                }
            }
        }
        if (backward) {
            double[] gy = new double[t * b * 2 * h];
            var rnn = new ReferenceRnnGradients(p.rnn()).of(xDesc, x, null, null, w, gy, gh, null);
            System.arraycopy(rnn.dw(), 0, grad, rnnAt, rnnWeights);
            for (int r = 0; r < b; r++) {
                for (int s = 0; s < p.lengths()[r]; s++) {
                    int id = p.ids()[r * t + s];
                    for (int k = 0; k < e; k++) grad[id * e + k] += rnn.dx()[(r * t + s) * e + k];
                }
            }
        }
        return new Run(sum / b, grad);
    }
}

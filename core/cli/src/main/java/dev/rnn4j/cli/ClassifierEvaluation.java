package dev.rnn4j.cli;

import dev.rnn4j.model.Model;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;
import java.io.PrintWriter;
import java.util.List;

/** Runs a classifier over padded ids and turns its outputs (logits, probabilities or a sigmoid) into classes, probabilities and scores. */
final class ClassifierEvaluation {

    private ClassifierEvaluation() {
    }

    /** Softmax probabilities [N][classes] of a model whose outputs are logits. */
    static float[][] probabilities(Model model, int[][] x, int batchSize) {
        return probabilities(model, x, batchSize, CheckpointExtras.Outputs.LOGITS);
    }

    /** Probabilities [N][classes]: softmax of logits, probabilities as they are, a sigmoid p as [1 - p, p]. */
    static float[][] probabilities(Model model, int[][] x, int batchSize, CheckpointExtras.Outputs outputs) {
        if (x.length == 0) return new float[0][];
        int maxlen = x[0].length;
        try (TensorScope scope = TensorScope.open()) {
            int[] rows = new int[x.length];
            for (int i = 0; i < rows.length; i++) rows[i] = i;
            Tensor ids = scope.fromIntArray(HostBatches.gather(x, rows, maxlen), x.length, maxlen);
            Tensor logits = model.predict(scope, ids, batchSize);
            float[] flat = logits.toFloatArray();
            int classes = flat.length / x.length;
            float[][] p = new float[x.length][];
            for (int i = 0; i < x.length; i++) {
                p[i] = switch (outputs) {
                    case LOGITS -> softmax(flat, i * classes, classes);
                    case PROBABILITIES -> java.util.Arrays.copyOfRange(flat, i * classes, (i + 1) * classes);
                    case SIGMOID -> new float[] {1 - flat[i], flat[i]};
                };
            }
            return p;
        }
    }

    static float[] softmax(float[] logits, int from, int count) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < count; c++) max = Math.max(max, logits[from + c]);
        double sum = 0;
        double[] e = new double[count];
        for (int c = 0; c < count; c++) sum += e[c] = Math.exp(logits[from + c] - max);
        float[] p = new float[count];
        for (int c = 0; c < count; c++) p[c] = (float) (e[c] / sum);
        return p;
    }

    static int argmax(float[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) if (p[i] > p[best]) best = i;
        return best;
    }

    /** confusion[true][predicted]. */
    static long[][] confusion(float[][] probabilities, int[] labels, int classes) {
        long[][] m = new long[classes][classes];
        for (int i = 0; i < labels.length; i++) m[labels[i]][argmax(probabilities[i])]++;
        return m;
    }

    static double accuracy(long[][] confusion) {
        long right = 0, all = 0;
        for (int t = 0; t < confusion.length; t++) {
            for (int p = 0; p < confusion.length; p++) {
                all += confusion[t][p];
                if (t == p) right += confusion[t][p];
            }
        }
        return all == 0 ? 0 : (double) right / all;
    }

    static void printConfusion(PrintWriter out, long[][] m, List<String> labels) {
        int w = Math.max(8, labels.stream().mapToInt(String::length).max().orElse(0) + 2);
        out.printf("%-" + w + "s", "true\\pred");
        for (String l : labels) out.printf("%" + w + "s", l);
        out.println();
        for (int t = 0; t < m.length; t++) {
            out.printf("%-" + w + "s", labels.get(t));
            for (long v : m[t]) out.printf("%" + w + "d", v);
            out.println();
        }
    }
}

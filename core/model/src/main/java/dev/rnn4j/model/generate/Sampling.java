package dev.rnn4j.model.generate;

import java.util.Arrays;
import java.util.Comparator;

/** The math of temperature / top-k / top-p sampling, in double precision on the host. */
final class Sampling {

    private Sampling() {
    }

    static int sample(float[] logits, float temperature, int k, double p, float uniform) {
        int n = logits.length;
        if (n == 0) throw new IllegalArgumentException("no logits to sample from");
        for (int i = 0; i < n; i++) {
            if (Float.isNaN(logits[i])) throw new IllegalArgumentException("logit " + i + " is NaN");
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -logits[i]).thenComparingInt(i -> i));
        int keep = Math.min(k, n);
        double max = logits[order[0]];
        double[] prob = new double[keep];
        double total = 0;
        for (int j = 0; j < keep; j++) {
            prob[j] = Math.exp((logits[order[j]] - max) / temperature);
            total += prob[j];
        }
        if (p < 1.0) {
            double cum = 0;
            int cut = keep;
            for (int j = 0; j < keep; j++) {
                cum += prob[j] / total;
                if (cum >= p) {
                    cut = j + 1;
                    break;
                }
            }
            keep = cut;
            total = 0;
            for (int j = 0; j < keep; j++) total += prob[j];
        }
        double target = uniform * total;
        double cum = 0;
        for (int j = 0; j < keep; j++) {
            cum += prob[j];
            if (target < cum) return order[j];
        }
        return order[keep - 1];
    }
}

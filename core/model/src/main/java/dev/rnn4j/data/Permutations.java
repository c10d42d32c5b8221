package dev.rnn4j.data;

import java.util.SplittableRandom;

/** Seeded shuffles (Fisher-Yates), shared by the generators and the training loops. */
public final class Permutations {

    private Permutations() {
    }

    /** A random permutation of {@code 0..n-1}. */
    public static int[] shuffled(int n, SplittableRandom random) {
        if (n < 0) throw new IllegalArgumentException("n must be >= 0, got " + n);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}

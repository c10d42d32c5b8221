package dev.rnn4j.bench.peers;

import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.rnn.RnnMode;
import java.util.SplittableRandom;

/**
 * One training step of a text classifier on a ragged batch, identical for both sides: Embedding [V, E] (id 0 is
 * padding: Keras' mask_zero) → Bidirectional LSTM(E → H) over each row's valid steps, its two final states
 * concatenated [B, 2H] → Dense [C, 2H] + [C] → softmax cross-entropy against the row's class, then Adam
 * (PyTorch's defaults, as {@link CharLmProblem}). Token ids are batch-major [B, T], padded after each row's
 * {@code lengths[b]} tokens with 0 (pad_sequences padding='post'). The LSTM's weights are one canonical
 * bidirectional weight space (direction 0 forward, 1 reverse).
 */
public record ClassifierProblem(int vocab, int embed, int hidden, int classes, int maxLength, int batch, float learningRate,
                                float[] table, float[] rnnWeights, float[] denseWeight, float[] denseBias,
                                int[] ids, int[] lengths, int[] labels) {

    /** The timed problem: vocabulary 5000, Embedding 64, BiLSTM 128, 2 classes, B=64, T=200, lengths uniform in 20..200. */
    public static ClassifierProblem target(long seed) {
        return random(5000, 64, 128, 2, 200, 64, 20, seed);
    }

    /** The checked problem: vocabulary 9, Embedding 4, BiLSTM 5, 3 classes, B=4, T=6, lengths uniform in 1..6. */
    public static ClassifierProblem small(long seed) {
        return random(9, 4, 5, 3, 6, 4, 1, seed);
    }

    /** Lengths uniform in [minLength, maxLength], tokens uniform in [1, vocab), classes uniform, weights as {@link CharLmProblem}'s. */
    public static ClassifierProblem random(int vocab, int embed, int hidden, int classes, int maxLength, int batch, int minLength, long seed) {
        var random = new SplittableRandom(seed);
        RnnDescriptor rnn = rnn(embed, hidden);
        float scale = (float) (1 / Math.sqrt(hidden));
        float[] table = RnnProblem.uniform(random, vocab * embed, 1f);
        float[] w = RnnProblem.uniform(random, Math.toIntExact(rnn.weightLayout().size()), scale);
        float[] dense = RnnProblem.uniform(random, classes * 2 * hidden, scale);
        float[] bias = RnnProblem.uniform(random, classes, scale);
        int[] lengths = new int[batch];
        int[] ids = new int[batch * maxLength];
        int[] labels = new int[batch];
        for (int b = 0; b < batch; b++) {
            lengths[b] = random.nextInt(minLength, maxLength + 1);
            for (int t = 0; t < lengths[b]; t++) ids[b * maxLength + t] = random.nextInt(1, vocab);
            labels[b] = random.nextInt(classes);
        }
        return new ClassifierProblem(vocab, embed, hidden, classes, maxLength, batch, 1e-3f, table, w, dense, bias, ids, lengths, labels);
    }

    /** The bidirectional one-layer LSTM of E → H. */
    static RnnDescriptor rnn(int embed, int hidden) {
        return RnnDescriptor.of(RnnMode.LSTM, 1, true, embed, hidden);
    }

    public RnnDescriptor rnn() {
        return rnn(embed, hidden);
    }

    /** Valid tokens per step (the sum of the lengths). */
    public int tokens() {
        int n = 0;
        for (int l : lengths) n += l;
        return n;
    }

    public String dims() {
        return "T=" + maxLength + " B=" + batch + " E=" + embed + " H=" + hidden + " V=" + vocab + " C=" + classes + " tokens=" + tokens();
    }
}

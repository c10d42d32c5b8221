package dev.rnn4j.bench.peers;

import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.rnn.RnnMode;
import java.util.SplittableRandom;

/**
 * One char-LM training step's model and batch, identical for both sides: Embedding [V, E] → LSTM(E → H) →
 * Dense [V, H] + [V] → softmax cross-entropy against the next character, then Adam (PyTorch's defaults:
 * β1 0.9, β2 0.999, eps 1e-8). ids and labels are sequence-major [T, B].
 */
public record CharLmProblem(int vocab, int embed, int hidden, int seqLength, int batch, float learningRate,
                            float[] table, float[] rnnWeights, float[] denseWeight, float[] denseBias,
                            int[] ids, int[] labels) {

    public static final float BETA1 = 0.9f;
    public static final float BETA2 = 0.999f;
    public static final float EPS = 1e-8f;

    /** The throughput target's model: vocab 60, Embedding 64, LSTM 256, T=100, B=64. */
    public static CharLmProblem target(long seed) {
        return random(60, 64, 256, 100, 64, seed);
    }

    public static CharLmProblem random(int vocab, int embed, int hidden, int seqLength, int batch, long seed) {
        var random = new SplittableRandom(seed);
        var rnn = RnnDescriptor.of(RnnMode.LSTM, 1, false, embed, hidden);
        float[] table = RnnProblem.uniform(random, vocab * embed, 1f);
        float[] w = RnnProblem.uniform(random, Math.toIntExact(rnn.weightLayout().size()), (float) (1 / Math.sqrt(hidden)));
        float[] dense = RnnProblem.uniform(random, vocab * hidden, (float) (1 / Math.sqrt(hidden)));
        float[] bias = RnnProblem.uniform(random, vocab, (float) (1 / Math.sqrt(hidden)));
        // a random text of length T+1 per sequence: ids are its first T characters, labels the next ones
        int[] ids = new int[seqLength * batch];
        int[] labels = new int[seqLength * batch];
        for (int b = 0; b < batch; b++) {
            int current = random.nextInt(vocab);
            for (int t = 0; t < seqLength; t++) {
                int next = random.nextInt(vocab);
                ids[t * batch + b] = current;
                labels[t * batch + b] = next;
                current = next;
            }
        }
        return new CharLmProblem(vocab, embed, hidden, seqLength, batch, 1e-3f, table, w, dense, bias, ids, labels);
    }

    public RnnDescriptor rnn() {
        return RnnDescriptor.of(RnnMode.LSTM, 1, false, embed, hidden);
    }

    /** Tokens per step: T·B. */
    public int tokens() {
        return seqLength * batch;
    }

    public String dims() {
        return "T=" + seqLength + " B=" + batch + " E=" + embed + " H=" + hidden + " V=" + vocab;
    }
}

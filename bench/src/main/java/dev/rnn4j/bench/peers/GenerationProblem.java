package dev.rnn4j.bench.peers;

import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.rnn.RnnMode;
import java.util.SplittableRandom;

/**
 * A text generator's model and token stream, identical for both sides: Embedding [V, E] → a stack of LSTM(H)
 * layers → Dense [V, H] + [V], fed one token per call with the state carried between calls. The tokens
 * (ids [N, B], step-major) are drawn up front instead of sampled, so both sides do the same work whatever the
 * logits; latency per token does not depend on which token comes.
 */
public record GenerationProblem(int vocab, int embed, int hidden, int layers, int batch, int tokens,
                                float[] table, float[] rnnWeights, float[] denseWeight, float[] denseBias, int[] ids) {

    /** The case's model: vocabulary 100, Embedding 64, 2 × LSTM(512), {@code tokens} tokens per run. */
    public static GenerationProblem target(int batch, int tokens, long seed) {
        return random(100, 64, 512, 2, batch, tokens, seed);
    }

    public static GenerationProblem random(int vocab, int embed, int hidden, int layers, int batch, int tokens, long seed) {
        var random = new SplittableRandom(seed);
        var rnn = RnnDescriptor.of(RnnMode.LSTM, layers, false, embed, hidden);
        float scale = (float) (1 / Math.sqrt(hidden));
        float[] table = RnnProblem.uniform(random, vocab * embed, 1f);
        float[] w = RnnProblem.uniform(random, Math.toIntExact(rnn.weightLayout().size()), scale);
        float[] dense = RnnProblem.uniform(random, vocab * hidden, scale);
        float[] bias = RnnProblem.uniform(random, vocab, scale);
        int[] ids = random.ints((long) tokens * batch, 0, vocab).toArray();
        return new GenerationProblem(vocab, embed, hidden, layers, batch, tokens, table, w, dense, bias, ids);
    }

    public RnnDescriptor rnn() {
        return RnnDescriptor.of(RnnMode.LSTM, layers, false, embed, hidden);
    }

    public String dims() {
        return "B=" + batch + " E=" + embed + " H=" + hidden + " layers=" + layers + " V=" + vocab;
    }
}

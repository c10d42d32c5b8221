package dev.rnn4j.bench.soak;

/**
 * The shapes of the soak's model and batches: Embedding(vocab, embedding) → LSTM(units, all steps) →
 * Dense(vocab) logits, trained on batches of {@code batch} sequences of {@code seqLength} tokens.
 */
public record SoakShape(int vocab, int embedding, int units, int seqLength, int batch) {

    public SoakShape {
        requirePositive("--vocab", vocab);
        requirePositive("--embedding", embedding);
        requirePositive("--units", units);
        requirePositive("--seq-length", seqLength);
        requirePositive("--batch", batch);
        if (vocab < 2) throw new IllegalArgumentException("--vocab must be >= 2, got " + vocab);
    }

    /** Tokens in one batch. */
    public int tokens() {
        return seqLength * batch;
    }

    @Override
    public String toString() {
        return "vocab " + vocab + ", embedding " + embedding + ", LSTM " + units + ", T=" + seqLength + ", B=" + batch;
    }

    private static void requirePositive(String option, int value) {
        if (value < 1) throw new IllegalArgumentException(option + " must be >= 1, got " + value);
    }
}

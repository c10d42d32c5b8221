package dev.rnn4j.bench.peers;

/** A side of the one-token generation case: it steps a token stream one token per call, state carried. */
public interface TokenGenerator extends AutoCloseable {

    /** Zero state: the start of a new text. */
    void reset();

    /** Token t of the stream. */
    void step(int t);

    /** The logits [B, V] of the last step. */
    float[] lastLogits();

    /** From zero state, tokens [0, n) (the timed body). */
    default void run(int n) {
        reset();
        for (int t = 0; t < n; t++) step(t);
    }

    /** The logits [n, B, V] of tokens [0, n) from zero state. */
    default float[] logits(int n) {
        float[] out = null;
        reset();
        for (int t = 0; t < n; t++) {
            step(t);
            float[] last = lastLogits();
            if (out == null) out = new float[n * last.length];
            System.arraycopy(last, 0, out, t * last.length, last.length);
        }
        return out == null ? new float[0] : out;
    }

    @Override
    void close();
}

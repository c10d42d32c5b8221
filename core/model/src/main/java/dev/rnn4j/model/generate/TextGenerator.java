package dev.rnn4j.model.generate;

import dev.rnn4j.model.GradientTape;
import dev.rnn4j.model.Model;
import dev.rnn4j.model.RecurrentStates;
import dev.rnn4j.model.Variable;
import dev.rnn4j.model.ops.HostData;
import dev.rnn4j.tensor.DType;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;

import java.util.Objects;

/**
 * Step-by-step generation from a token model whose output is logits [batch, time, vocab] (e.g. Embedding →
 * LSTM(returnSequences) → Dense). The recurrent state is carried from call to call, so each new token costs
 * one time step: {@link #feed} a prompt once, then {@link #next()} one token at a time. Seeded: the same seed,
 * model and prompt give the same tokens.
 *
 * <pre>{@code
 * try (TextGenerator gen = new TextGenerator(model, Sampler.topK(5, 0.8f), 42)) {
 *     int[] tokens = gen.generate(promptIds, 100);
 * }
 * }</pre>
 */
public final class TextGenerator implements AutoCloseable {

    private final Model model;
    private final Sampler sampler;
    private final long seed;
    private final RecurrentStates states = new RecurrentStates();
    private long draws;
    private float[] lastLogits;

    public TextGenerator(Model model, Sampler sampler, long seed) {
        this.model = Objects.requireNonNull(model, "model");
        this.sampler = Objects.requireNonNull(sampler, "sampler");
        this.seed = seed;
        if (model.inputs().size() != 1 || model.inputs().getFirst().dtype() != DType.INT32) {
            throw new IllegalArgumentException("text generation needs a model with one int32 token input");
        }
    }

    /** Starts over from zero state (the draw counter keeps running). */
    public void reset() {
        states.reset();
        lastLogits = null;
    }

    /** Runs {@code tokens} through the model from the carried state; returns the logits after the last one. */
    public float[] feed(int... tokens) {
        if (tokens == null || tokens.length == 0) throw new IllegalArgumentException("feed needs at least one token");
        try (TensorScope host = TensorScope.open();
             GradientTape tape = GradientTape.open(model.backend(), false, seed, states)) {
            Tensor ids = host.fromIntArray(tokens, 1, tokens.length);
            Variable out = model.call(tape, tape.constant(ids));
            if (out.rank() != 3 || out.dim(1) != tokens.length) {
                throw new IllegalStateException("generation needs per-step logits [1, time, vocab]; the model gave " + out.value().describe()
                        + " (set returnSequences(true) on the last recurrent layer)");
            }
            lastLogits = HostData.floats(model.backend(), out.value().select(0, 0).select(0, tokens.length - 1));
            return lastLogits.clone();
        }
    }

    /** Samples the next token from the current logits and feeds it. */
    public int next() {
        if (lastLogits == null) throw new IllegalStateException("feed a prompt (at least one token) before next()");
        int token = sampler.sample(lastLogits, seed, draws++);
        feed(token);
        return token;
    }

    /** Feeds {@code prompt} after a reset and samples {@code count} tokens. */
    public int[] generate(int[] prompt, int count) {
        if (count < 0) throw new IllegalArgumentException("count must be >= 0, got " + count);
        reset();
        feed(prompt);
        int[] out = new int[count];
        for (int i = 0; i < count; i++) out[i] = next();
        return out;
    }

    @Override
    public void close() {
        states.close();
    }
}

package dev.rnn4j.bench.peers;

import ai.djl.ndarray.NDManager;
import dev.rnn4j.backend.Backend;
import dev.rnn4j.rnn.RnnDataDescriptor;
import dev.rnn4j.rnn.RnnDataLayout;
import dev.rnn4j.testing.ReferenceRnn;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One-token generation: latency per token of a 2-layer LSTM(512) text generator over 100 symbols stepping one
 * token at a time with its state carried ({@link Rnn4jGenerator}: rnn4j's one-step plan call, against
 * {@link TorchGenerator}: PyTorch eager {@code lstm(x, (h, c))} per token). Each timed run starts from zero
 * state and feeds {@link #TOKENS} tokens; the line's times are per token. Here per-call overhead, thread
 * hand-off and allocation decide, not FLOPs.
 */
final class GenerationCase {

    static final int TOKENS = 32;
    /** Untimed runs before the timing's own warm-up: a token is short, so the JIT needs more of them. */
    static final int JIT_WARMUP_RUNS = 30;
    /** The small problem of the check: vocabulary 11, Embedding 5, 2 × LSTM(7), batch 2, 4 tokens. */
    static final int SMALL_TOKENS = 4;
    /** Tokens of the timed problem compared between the sides. */
    static final int COMPARED_TOKENS = 8;

    private GenerationCase() {
    }

    static PeerResult run(Backend backend, NDManager torch, int batch, Timing timing, long seed, Consumer<String> log) {
        var problem = GenerationProblem.target(batch, TOKENS, seed);
        try (var ours = new Rnn4jGenerator(backend, problem); var theirs = new TorchGenerator(torch, problem)) {
            log.accept(checkLine(backend, torch, problem, ours, theirs, seed));
            for (int i = 0; i < JIT_WARMUP_RUNS; i++) {
                ours.run(TOKENS);
                theirs.run(TOKENS);
            }
            double oursMs = timing.medianMillis(() -> ours.run(TOKENS)) / TOKENS;
            double theirsMs = timing.medianMillis(() -> theirs.run(TOKENS)) / TOKENS;
            return new PeerResult("generate-lstm-token", problem.dims(), oursMs, theirsMs);
        }
    }

    /** Each side's logits of a small generator's first tokens against the double reference, then the sides' logits on the timed one. */
    static String checkLine(Backend backend, NDManager torch, GenerationProblem timed, Rnn4jGenerator ours, TorchGenerator theirs, long seed) {
        var small = GenerationProblem.random(11, 5, 7, 2, 2, SMALL_TOKENS, seed);
        double[] reference = referenceLogits(small);
        float[] smallOurs, smallTheirs;
        try (var o = new Rnn4jGenerator(backend, small); var t = new TorchGenerator(torch, small)) {
            smallOurs = o.logits(SMALL_TOKENS);
            smallTheirs = t.logits(SMALL_TOKENS);
        }
        var rnn4j = new ReferenceCheck(ReferenceCheck.Side.RNN4J, List.of(Map.entry("small_logits", RelativeError.of(smallOurs, reference))));
        var pytorch = new ReferenceCheck(ReferenceCheck.Side.PYTORCH, List.of(Map.entry("small_logits", RelativeError.of(smallTheirs, reference))));
        int n = Math.min(COMPARED_TOKENS, timed.tokens());
        String cross = String.format(Locale.ROOT, "rel_err_logits=%.2e (first %d tokens)", RelativeError.of(ours.logits(n), theirs.logits(n)), n);
        return ReferenceCheck.line("generate-lstm", timed.dims(), rnn4j, pytorch, cross);
    }

    /** The logits [T, B, V] in double: the embedded tokens through the reference's LSTM stack over the whole stream, then the dense layer. */
    static double[] referenceLogits(GenerationProblem p) {
        int t = p.tokens(), b = p.batch(), e = p.embed(), h = p.hidden(), v = p.vocab();
        double[] x = new double[t * b * e];
        for (int i = 0; i < t * b; i++) {
            for (int j = 0; j < e; j++) x[i * e + j] = p.table()[p.ids()[i] * e + j];
        }
        double[] y = new ReferenceRnn(p.rnn()).forward(RnnDataDescriptor.full(t, b, e, RnnDataLayout.SEQ_MAJOR), x, null, null,
                RnnReference.toDouble(p.rnnWeights()), null).y();
        double[] logits = new double[t * b * v];
        for (int i = 0; i < t * b; i++) {
            for (int o = 0; o < v; o++) {
                double sum = p.denseBias()[o];
                for (int j = 0; j < h; j++) sum += y[i * h + j] * p.denseWeight()[o * h + j];
                logits[i * v + o] = sum;
            }
        }
        return logits;
    }
}

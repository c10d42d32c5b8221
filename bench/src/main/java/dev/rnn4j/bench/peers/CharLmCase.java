package dev.rnn4j.bench.peers;

import ai.djl.ndarray.NDManager;
import dev.rnn4j.backend.Backend;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The char-LM training throughput case (issue: model layer, section 7): tokens per second of one full
 * training step (forward, backward, Adam) on both sides, from identical weights and batch. Before timing,
 * {@link CharLmCheck} judges both sides against the double-precision reference on a small problem and
 * compares their first losses on this one (the {@code # check} line).
 */
public final class CharLmCase {

    private CharLmCase() {
    }

    public static PeerResult run(Backend backend, NDManager torch, Timing timing, long seed, Consumer<String> log) {
        var problem = CharLmProblem.target(seed);
        try (var ours = new Rnn4jCharLm(backend, problem); var theirs = new TorchCharLm(torch, problem)) {
            float[] oursLosses = CharLmCheck.losses(ours::step);
            float[] theirsLosses = CharLmCheck.losses(theirs::step);
            log.accept(CharLmCheck.line(backend, torch, problem, oursLosses, theirsLosses, seed));

            double oursMs = timing.medianMillis(ours::step);
            double theirsMs = timing.medianMillis(theirs::step);
            double oursTokens = problem.tokens() / (oursMs / 1000);
            double theirsTokens = problem.tokens() / (theirsMs / 1000);
            return new PeerResult("charlm-train", problem.dims(), oursMs, theirsMs)
                    .with("rnn4j_tokens_per_s", String.format(Locale.ROOT, "%.0f", oursTokens))
                    .with("pytorch_tokens_per_s", String.format(Locale.ROOT, "%.0f", theirsTokens))
                    .with("tokens_per_s_ratio", PeerResult.format(oursTokens / theirsTokens));
        }
    }
}

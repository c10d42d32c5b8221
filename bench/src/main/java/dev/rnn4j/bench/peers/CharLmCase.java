package dev.rnn4j.bench.peers;

import ai.djl.ndarray.NDManager;
import dev.rnn4j.backend.Backend;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The char-LM training throughput case (issue: model layer, section 7): tokens per second of one full
 * training step (forward, backward, Adam) on both sides, from identical weights and batch. The first steps'
 * losses are compared to show both sides train the same model.
 */
public final class CharLmCase {

    /** Steps whose losses are compared before timing (losses after Adam updates check backward and Adam too). */
    static final int CHECKED_STEPS = 3;

    private CharLmCase() {
    }

    public static PeerResult run(Backend backend, NDManager torch, Timing timing, long seed, Consumer<String> log) {
        var problem = CharLmProblem.target(seed);
        try (var ours = new Rnn4jCharLm(backend, problem); var theirs = new TorchCharLm(torch, problem)) {
            var sb = new StringBuilder();
            for (int s = 1; s <= CHECKED_STEPS; s++) {
                float a = ours.step();
                float b = theirs.step();
                sb.append(String.format(Locale.ROOT, " step%d_loss rnn4j=%.6f pytorch=%.6f rel_err=%.2e", s, a, b,
                        RelativeError.of(new float[] {a}, new float[] {b})));
            }
            log.accept("# check charlm-train " + problem.dims() + ":" + sb);

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

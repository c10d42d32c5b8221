package dev.rnn4j.bench.peers;

import ai.djl.ndarray.NDManager;
import dev.rnn4j.backend.Backend;
import dev.rnn4j.rnn.RnnMode;
import java.util.function.Consumer;

/**
 * Long-sequence inference (a time series): an LSTM over one sequence of {@link #SHAPE}'s 2000 steps, batch 1,
 * forward only. Each step is a 1-row product with the recurrent weights and the gate math, so the line adds the
 * latency per step ({@code rnn4j_us_per_step}, {@code pytorch_us_per_step}). Checked as the RNN cases are
 * ({@link RnnCheck}).
 */
public final class LongSequenceCase {

    public static final RnnShape SHAPE = new RnnShape(2000, 1, 64, 256);

    private LongSequenceCase() {
    }

    static PeerResult run(Backend backend, NDManager torch, Timing timing, long seed, Consumer<String> log) {
        var problem = RnnProblem.random(RnnMode.LSTM, SHAPE, seed);
        try (var ours = new Rnn4jRnn(backend, problem); var theirs = new TorchRnn(torch, problem)) {
            log.accept(RnnCheck.line(backend, torch, "long-lstm", problem, RnnCheck.Outputs.of(ours, theirs), seed));
            double oursMs = timing.medianMillis(ours::forwardTimed);
            double theirsMs = timing.medianMillis(theirs::forwardTimed);
            return new PeerResult("long-lstm-fwd", SHAPE.dims(), oursMs, theirsMs)
                    .with("rnn4j_us_per_step", SgemmCase.fixed1(1000 * oursMs / SHAPE.seqLength()))
                    .with("pytorch_us_per_step", SgemmCase.fixed1(1000 * theirsMs / SHAPE.seqLength()));
        }
    }
}

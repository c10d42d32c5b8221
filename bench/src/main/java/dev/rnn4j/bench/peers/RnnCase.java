package dev.rnn4j.bench.peers;

import ai.djl.ndarray.NDManager;
import dev.rnn4j.backend.Backend;
import dev.rnn4j.rnn.RnnMode;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The forward and forward+backward cases of one cell type at one shape: both sides are built from the same
 * {@link RnnProblem}, each checked once against the double-precision reference and then against each other
 * ({@link RnnCheck}: the {@code # check} line), then timed, whatever the check said.
 */
public final class RnnCase {

    private RnnCase() {
    }

    public static List<PeerResult> run(Backend backend, NDManager torch, RnnMode mode, RnnShape shape, Timing timing,
                                       long seed, Consumer<String> log) {
        var problem = RnnProblem.random(mode, shape, seed);
        String name = mode.name().toLowerCase(Locale.ROOT).replace('_', '-');
        try (var ours = new Rnn4jRnn(backend, problem); var theirs = new TorchRnn(torch, problem)) {
            log.accept(RnnCheck.line(backend, torch, name, problem, RnnCheck.Outputs.of(ours, theirs), seed));

            double fwdOurs = timing.medianMillis(ours::forwardTimed);
            double fwdTheirs = timing.medianMillis(theirs::forwardTimed);
            double bwdOurs = timing.medianMillis(ours::forwardBackward);
            double bwdTheirs = timing.medianMillis(theirs::forwardBackward);
            return List.of(
                    new PeerResult(name + "-fwd", shape.dims(), fwdOurs, fwdTheirs),
                    new PeerResult(name + "-fwdbwd", shape.dims(), bwdOurs, bwdTheirs));
        }
    }
}

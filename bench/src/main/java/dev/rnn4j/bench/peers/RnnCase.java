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
 * ({@link RnnCheck}: the {@code # check} line), then timed, whatever the check said. Each line adds both sides'
 * share of the FMA peak, counting {@link #forwardFlops} for the forward and 3× that for forward+backward.
 */
public final class RnnCase {

    private RnnCase() {
    }

    public static List<PeerResult> run(Backend backend, NDManager torch, RnnMode mode, RnnShape shape, Timing timing,
                                       long seed, CpuPeak peak, Consumer<String> log) {
        var problem = RnnProblem.random(mode, shape, seed);
        String name = mode.name().toLowerCase(Locale.ROOT).replace('_', '-');
        try (var ours = new Rnn4jRnn(backend, problem); var theirs = new TorchRnn(torch, problem)) {
            log.accept(RnnCheck.line(backend, torch, name, problem, RnnCheck.Outputs.of(ours, theirs), seed));

            double fwdOurs = timing.medianMillis(ours::forwardTimed);
            double fwdTheirs = timing.medianMillis(theirs::forwardTimed);
            double bwdOurs = timing.medianMillis(ours::forwardBackward);
            double bwdTheirs = timing.medianMillis(theirs::forwardBackward);
            double flops = forwardFlops(mode, shape);
            return List.of(
                    withPeak(new PeerResult(name + "-fwd", shape.dims(), fwdOurs, fwdTheirs), flops, peak),
                    withPeak(new PeerResult(name + "-fwdbwd", shape.dims(), bwdOurs, bwdTheirs), 3 * flops, peak));
        }
    }

    /** The forward's multiply-add flops: 2·T·B·G·H·(I + H), G the gates of the cell (forward+backward: 3× that). */
    public static double forwardFlops(RnnMode mode, RnnShape shape) {
        return 2.0 * shape.seqLength() * shape.batch() * mode.gates() * shape.hiddenSize() * (shape.inputSize() + shape.hiddenSize());
    }

    /** The result with both sides' share of the FMA peak ({@code rnn4j_peak_pct}, {@code pytorch_peak_pct}) for {@code flops}. */
    static PeerResult withPeak(PeerResult result, double flops, CpuPeak peak) {
        return result.with("rnn4j_peak_pct", SgemmCase.fixed1(peak.percentOf(flops / result.rnn4jMs() / 1e6)))
                .with("pytorch_peak_pct", SgemmCase.fixed1(peak.percentOf(flops / result.pytorchMs() / 1e6)));
    }
}

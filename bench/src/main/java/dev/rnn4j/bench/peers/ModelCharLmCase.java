package dev.rnn4j.bench.peers;

import ai.djl.ndarray.NDManager;
import dev.rnn4j.backend.Backend;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The char-LM training step through the model layer ({@code charlm-fit}): {@link ModelCharLm}, one
 * {@link dev.rnn4j.model.Model#fit} step, against PyTorch eager ({@link TorchCharLm}) and beside the hand-driven
 * SPI step ({@link Rnn4jCharLm}, the {@code charlm-train} case) on the same weights and batch: the model layer and
 * the SPI step timed in turns ({@link Interleaved}) with a third side, the step on fresh tapes
 * ({@link ModelCharLm#freshTapeStep}: every buffer allocated and zero-filled per step, the model layer before its step
 * memory), then PyTorch. The line adds {@code spi_ms}, {@code model_over_spi} (what the model layer costs above its
 * kernels), {@code fresh_tape_ms} and the tokens per second. The {@code # check} line judges the model layer and PyTorch
 * against the double-precision reference on {@link CharLmCheck}'s small problem first, then compares the model
 * layer's first losses on the timed problem with PyTorch's and with the SPI step's.
 */
public final class ModelCharLmCase {

    static final String NAME = "charlm-fit";

    private ModelCharLmCase() {
    }

    public static PeerResult run(Backend backend, NDManager torch, Timing timing, long seed, Consumer<String> log) {
        var problem = CharLmProblem.target(seed);
        try (var model = new ModelCharLm(backend, problem); var spi = new Rnn4jCharLm(backend, problem); var theirs = new TorchCharLm(torch, problem)) {
            float[] modelLosses = CharLmCheck.losses(model::step);
            float[] spiLosses = CharLmCheck.losses(spi::step);
            float[] theirsLosses = CharLmCheck.losses(theirs::step);
            log.accept(checkLine(backend, torch, problem, modelLosses, spiLosses, theirsLosses, seed));

            double[] ms = new Interleaved(timing).medianMillis(List.of(model::step, spi::step, model::freshTapeStep));
            double theirsMs = timing.medianMillis(theirs::step);
            double modelTokens = problem.tokens() / (ms[0] / 1000);
            double theirsTokens = problem.tokens() / (theirsMs / 1000);
            return new PeerResult(NAME, problem.dims(), ms[0], theirsMs)
                    .with("spi_ms", PeerResult.format(ms[1]))
                    .with("model_over_spi", PeerResult.format(ms[0] / ms[1]))
                    .with("fresh_tape_ms", PeerResult.format(ms[2]))
                    .with("rnn4j_tokens_per_s", String.format(Locale.ROOT, "%.0f", modelTokens))
                    .with("pytorch_tokens_per_s", String.format(Locale.ROOT, "%.0f", theirsTokens))
                    .with("tokens_per_s_ratio", PeerResult.format(modelTokens / theirsTokens));
        }
    }

    static String checkLine(Backend backend, NDManager torch, CharLmProblem timed, float[] model, float[] spi, float[] theirs, long seed) {
        CharLmProblem small = CharLmCheck.small(seed);
        double[] reference = CharLmCheck.referenceLosses(small);
        float[] smallModel;
        float[] smallTheirs;
        try (var rnn4j = new ModelCharLm(backend, small); var pytorch = new TorchCharLm(torch, small)) {
            smallModel = CharLmCheck.losses(rnn4j::step);
            smallTheirs = CharLmCheck.losses(pytorch::step);
        }
        var rnn4j = new ReferenceCheck(ReferenceCheck.Side.RNN4J, List.of(Map.entry("small_losses", RelativeError.of(smallModel, reference))));
        var pytorch = new ReferenceCheck(ReferenceCheck.Side.PYTORCH, List.of(Map.entry("small_losses", RelativeError.of(smallTheirs, reference))));
        var cross = new StringBuilder();
        for (int s = 0; s < CharLmCheck.STEPS; s++) {
            cross.append(String.format(Locale.ROOT, "%sstep%d_loss rnn4j=%.6f pytorch=%.6f rel_err=%.2e", s == 0 ? "" : " ", s + 1, model[s], theirs[s],
                    RelativeError.of(new float[] {model[s]}, new float[] {theirs[s]})));
        }
        cross.append(String.format(Locale.ROOT, "; model vs spi rel_err_losses=%.2e", RelativeError.of(model, spi)));
        return ReferenceCheck.line(NAME, timed.dims(), rnn4j, pytorch, cross.toString());
    }
}

package dev.rnn4j.bench.peers;

import ai.djl.ndarray.NDManager;
import dev.rnn4j.backend.Backend;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The classifier training step through the model layer ({@code classifier-fit}): {@link ModelClassifier}, one
 * {@link dev.rnn4j.model.Model#fit} step on a ragged batch, against PyTorch eager on the padded batch
 * ({@link TorchClassifier}): the fit step timed in turns ({@link Interleaved}) with the same step on fresh tapes
 * ({@link ModelClassifier#freshTapeStep}: the model layer before its step memory, {@code fresh_tape_ms}), then PyTorch.
 * The line adds the valid tokens per second of both sides. The
 * {@code # check} line judges both sides' loss and gradients of every parameter against {@link ClassifierReference}
 * on {@link ClassifierProblem#small} first, then compares their first three losses on the timed problem.
 */
public final class ModelClassifierCase {

    static final String NAME = "classifier-fit";
    static final int STEPS = 3;

    private ModelClassifierCase() {
    }

    public static PeerResult run(Backend backend, NDManager torch, Timing timing, long seed, Consumer<String> log) {
        var problem = ClassifierProblem.target(seed);
        try (var ours = new ModelClassifier(backend, problem); var theirs = new TorchClassifier(torch, problem)) {
            float[] oursLosses = new float[STEPS];
            float[] theirsLosses = new float[STEPS];
            for (int s = 0; s < STEPS; s++) {
                oursLosses[s] = ours.step();
                theirsLosses[s] = theirs.step();
            }
            log.accept(checkLine(backend, torch, problem, oursLosses, theirsLosses, seed));
            double[] ms = new Interleaved(timing).medianMillis(List.of(ours::step, ours::freshTapeStep));
            double oursMs = ms[0];
            double theirsMs = timing.medianMillis(theirs::step);
            double oursTokens = problem.tokens() / (oursMs / 1000);
            double theirsTokens = problem.tokens() / (theirsMs / 1000);
            return new PeerResult(NAME, problem.dims(), oursMs, theirsMs)
                    .with("fresh_tape_ms", PeerResult.format(ms[1]))
                    .with("rnn4j_tokens_per_s", String.format(Locale.ROOT, "%.0f", oursTokens))
                    .with("pytorch_tokens_per_s", String.format(Locale.ROOT, "%.0f", theirsTokens))
                    .with("tokens_per_s_ratio", PeerResult.format(oursTokens / theirsTokens));
        }
    }

    /** Each side's [loss, gradient...] on the small problem against the reference's; then the timed problem's losses. */
    static String checkLine(Backend backend, NDManager torch, ClassifierProblem timed, float[] ours, float[] theirs, long seed) {
        ClassifierProblem small = ClassifierProblem.small(seed);
        var reference = new ClassifierReference(small);
        double[] parameters = reference.parameters();
        double[] expected = concat(reference.loss(parameters), reference.gradient(parameters));
        float[] model;
        float[] pytorch;
        try (var rnn4j = new ModelClassifier(backend, small); var torchSide = new TorchClassifier(torch, small)) {
            model = rnn4j.lossAndGradient();
            pytorch = torchSide.lossAndGradient();
        }
        var cross = new StringBuilder();
        for (int s = 0; s < ours.length; s++) {
            cross.append(String.format(Locale.ROOT, "%sstep%d_loss rnn4j=%.6f pytorch=%.6f rel_err=%.2e", s == 0 ? "" : " ", s + 1, ours[s], theirs[s],
                    RelativeError.of(new float[] {ours[s]}, new float[] {theirs[s]})));
        }
        return ReferenceCheck.line(NAME, timed.dims(), side(ReferenceCheck.Side.RNN4J, model, expected), side(ReferenceCheck.Side.PYTORCH, pytorch, expected),
                cross.toString());
    }

    private static ReferenceCheck side(ReferenceCheck.Side side, float[] lossAndGradient, double[] expected) {
        return new ReferenceCheck(side, List.of(
                Map.entry("small_loss", RelativeError.of(new float[] {lossAndGradient[0]}, new double[] {expected[0]})),
                Map.entry("small_grad", RelativeError.of(Arrays.copyOfRange(lossAndGradient, 1, lossAndGradient.length),
                        Arrays.copyOfRange(expected, 1, expected.length)))));
    }

    private static double[] concat(double loss, double[] gradient) {
        double[] out = new double[gradient.length + 1];
        out[0] = loss;
        System.arraycopy(gradient, 0, out, 1, gradient.length);
        return out;
    }
}

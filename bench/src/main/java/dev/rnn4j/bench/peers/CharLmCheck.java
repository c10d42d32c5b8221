package dev.rnn4j.bench.peers;

import ai.djl.ndarray.NDManager;
import dev.rnn4j.backend.Backend;
import dev.rnn4j.testing.ReferenceEmbeddingLstmDense;
import dev.rnn4j.rnn.RnnDataLayout;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * The {@code # check} line of the char-LM case. Each side's losses over {@link #STEPS} Adam steps of a small
 * problem against core's double-precision {@link ReferenceEmbeddingLstmDense} first ({@code small_losses}; the
 * losses after the first step depend on the gradients and the Adam update, so they check backward and Adam
 * too); then rnn4j's losses against PyTorch's on the timed problem, the cross-check of conventions.
 */
final class CharLmCheck {

    /** Steps whose losses are compared (the timed problem's are taken before timing). */
    static final int STEPS = 3;

    private CharLmCheck() {
    }

    /** The small problem: vocabulary 11, Embedding 5, LSTM 7, T=6, B=3. */
    static CharLmProblem small(long seed) {
        return CharLmProblem.random(11, 5, 7, 6, 3, seed);
    }

    /** The losses of the first {@code STEPS} calls of {@code step}. */
    static float[] losses(DoubleSupplier step) {
        float[] out = new float[STEPS];
        for (int s = 0; s < STEPS; s++) out[s] = (float) step.getAsDouble();
        return out;
    }

    /** The reference's losses over {@code STEPS} Adam steps on the problem's one batch. */
    static double[] referenceLosses(CharLmProblem p) {
        var reference = new ReferenceEmbeddingLstmDense(p.vocab(), p.embed(), p.hidden(), p.vocab(), p.seqLength(), p.batch(),
                RnnDataLayout.SEQ_MAJOR);
        double[] parameters = reference.parameters(p.table(), p.rnnWeights(), p.denseWeight(), p.denseBias());
        return reference.adamLosses(parameters, Collections.nCopies(STEPS, p.ids()), Collections.nCopies(STEPS, p.labels()),
                p.learningRate(), CharLmProblem.BETA1, CharLmProblem.BETA2, CharLmProblem.EPS);
    }

    /** The line for {@code timed}, whose sides gave the losses {@code ours} and {@code theirs}; the small problem is drawn from {@code seed}. */
    static String line(Backend backend, NDManager torch, CharLmProblem timed, float[] ours, float[] theirs, long seed) {
        CharLmProblem small = small(seed);
        double[] reference = referenceLosses(small);
        float[] smallOurs;
        float[] smallTheirs;
        try (var rnn4j = new Rnn4jCharLm(backend, small); var pytorch = new TorchCharLm(torch, small)) {
            smallOurs = losses(rnn4j::step);
            smallTheirs = losses(pytorch::step);
        }
        var rnn4j = new ReferenceCheck(ReferenceCheck.Side.RNN4J,
                List.of(Map.entry("small_losses", RelativeError.of(smallOurs, reference))));
        var pytorch = new ReferenceCheck(ReferenceCheck.Side.PYTORCH,
                List.of(Map.entry("small_losses", RelativeError.of(smallTheirs, reference))));
        var cross = new StringBuilder();
        for (int s = 0; s < STEPS; s++) {
            cross.append(String.format(Locale.ROOT, "%sstep%d_loss rnn4j=%.6f pytorch=%.6f rel_err=%.2e", s == 0 ? "" : " ", s + 1, ours[s],
                    theirs[s], RelativeError.of(new float[] {ours[s]}, new float[] {theirs[s]})));
        }
        return ReferenceCheck.line("charlm-train", timed.dims(), rnn4j, pytorch, cross.toString());
    }
}

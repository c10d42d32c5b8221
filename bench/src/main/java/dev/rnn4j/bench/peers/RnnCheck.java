package dev.rnn4j.bench.peers;

import ai.djl.ndarray.NDManager;
import dev.rnn4j.backend.Backend;
import dev.rnn4j.rnn.RnnDescriptor;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code # check} line of an RNN case. Each side against the double-precision reference ({@link RnnReference})
 * first: y of the first and last sequence of the timed problem ({@code y}), and y and the weight gradients of a
 * whole small problem of the same cell ({@code small_y}, {@code small_dW}); then rnn4j against PyTorch on the
 * timed problem (y and dW), the cross-check of conventions. A side off the reference is named WRONG.
 */
final class RnnCheck {

    /** The small problem whose weight gradients are compared with the reference's back-propagation. */
    static final RnnShape SMALL = new RnnShape(5, 3, 4, 6);

    /** y and the weight gradients of both sides. */
    record Outputs(float[] rnn4jY, float[] rnn4jDw, float[] pytorchY, float[] pytorchDw) {

        /** Runs both (the weight gradients must be the first backward on {@code theirs}). */
        static Outputs of(Rnn4jRnn ours, TorchRnn theirs) {
            return new Outputs(ours.forward(), ours.weightGradients(), theirs.forward(), theirs.weightGradients());
        }
    }

    private RnnCheck() {
    }

    /** The line for {@code timed}, whose sides' outputs are {@code timedOutputs}; the small problem is drawn from {@code seed}. */
    static String line(Backend backend, NDManager torch, String name, RnnProblem timed, Outputs timedOutputs, long seed) {
        RnnDescriptor cell = timed.descriptor();
        var small = RnnProblem.random(new RnnDescriptor(cell.mode(), cell.numLayers(), cell.bidirectional(), SMALL.inputSize(),
                SMALL.hiddenSize(), cell.biasMode(), 0f, 0L), SMALL, seed);
        Outputs smallOutputs;
        try (var ours = new Rnn4jRnn(backend, small); var theirs = new TorchRnn(torch, small)) {
            smallOutputs = Outputs.of(ours, theirs);
        }
        int[] sequences = RnnReference.firstAndLast(timed.shape().batch());
        double[] y = RnnReference.y(timed, sequences);
        double[] smallY = RnnReference.y(small);
        double[] smallDw = RnnReference.weightGradients(small);
        RnnShape shape = timed.shape();
        int width = timed.descriptor().outputSize();
        var rnn4j = new ReferenceCheck(ReferenceCheck.Side.RNN4J, errors(
                RnnReference.sequences(timedOutputs.rnn4jY(), shape.seqLength(), shape.batch(), width, sequences), y,
                smallOutputs.rnn4jY(), smallY, smallOutputs.rnn4jDw(), smallDw));
        var pytorch = new ReferenceCheck(ReferenceCheck.Side.PYTORCH, errors(
                RnnReference.sequences(timedOutputs.pytorchY(), shape.seqLength(), shape.batch(), width, sequences), y,
                smallOutputs.pytorchY(), smallY, smallOutputs.pytorchDw(), smallDw));
        String cross = String.format(Locale.ROOT, "rel_err_y=%.2e rel_err_dW=%.2e", RelativeError.of(timedOutputs.rnn4jY(), timedOutputs.pytorchY()),
                RelativeError.of(timedOutputs.rnn4jDw(), timedOutputs.pytorchDw()));
        return ReferenceCheck.line(name, shape.dims(), rnn4j, pytorch, cross);
    }

    private static List<Map.Entry<String, Double>> errors(float[] y, double[] yRef, float[] smallY, double[] smallYRef, float[] smallDw,
                                                          double[] smallDwRef) {
        return List.of(Map.entry("y", RelativeError.of(y, yRef)), Map.entry("small_y", RelativeError.of(smallY, smallYRef)),
                Map.entry("small_dW", RelativeError.of(smallDw, smallDwRef)));
    }
}

package dev.rnn4j.bench.peers;

import ai.djl.ndarray.NDManager;
import dev.rnn4j.backend.Backend;
import dev.rnn4j.rnn.RnnDataDescriptor;
import dev.rnn4j.rnn.RnnDataLayout;
import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.rnn.RnnMode;
import dev.rnn4j.testing.ReferenceRnn;
import dev.rnn4j.testing.ReferenceRnnGradients;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A ragged batch through a stacked bidirectional LSTM, forward and forward+backward: rnn4j with per-sequence
 * lengths (it computes only the valid steps) against PyTorch skipping padding with pack_padded_sequence
 * ({@link TorchPackedLstm}: pytorch_ms and ratio), and against PyTorch on the padded batch, every sequence run
 * to T, as a masked Keras layer does ({@code pytorch_padded_ms}, {@code ratio_padded}; its outputs past a
 * length differ, so it is timed, not checked). Lengths are uniform in [{@link #MIN_LENGTH}, T], seeded, sorted
 * longest first (PyTorch's enforce_sorted; rnn4j sorts by itself).
 */
public final class RaggedCase {

    public static final RnnShape SHAPE = new RnnShape(200, 64, 128, 256);
    public static final int LAYERS = 2;
    public static final int MIN_LENGTH = 20;
    /** The small problem of the check, with its lengths. */
    static final RnnShape SMALL = new RnnShape(5, 3, 4, 6);
    static final int[] SMALL_LENGTHS = {5, 3, 2};

    private RaggedCase() {
    }

    public static RnnDescriptor descriptor(RnnShape shape) {
        return RnnDescriptor.of(RnnMode.LSTM, LAYERS, true, shape.inputSize(), shape.hiddenSize());
    }

    /** Uniform lengths in [minLength, T], longest first. */
    public static int[] lengths(RnnShape shape, int minLength, long seed) {
        var random = new SplittableRandom(seed);
        int[] lengths = new int[shape.batch()];
        for (int b = 0; b < lengths.length; b++) lengths[b] = minLength + random.nextInt(shape.seqLength() - minLength + 1);
        Arrays.sort(lengths);
        for (int i = 0, j = lengths.length - 1; i < j; i++, j--) {
            int swap = lengths[i];
            lengths[i] = lengths[j];
            lengths[j] = swap;
        }
        return lengths;
    }

    static List<PeerResult> run(Backend backend, NDManager torch, Timing timing, long seed, Consumer<String> log) {
        RnnProblem problem = RnnProblem.random(descriptor(SHAPE), SHAPE, seed);
        int[] lengths = lengths(SHAPE, MIN_LENGTH, seed + 1);
        String dims = SHAPE.dims() + " layers=" + LAYERS + " bidirectional lengths=" + MIN_LENGTH + ".." + SHAPE.seqLength();
        try (var ours = new Rnn4jRnn(backend, problem, lengths); var packed = new TorchPackedLstm(torch, problem, lengths);
             var padded = new TorchRnn(torch, problem)) {
            log.accept(checkLine(backend, torch, problem, lengths, ours, packed, dims, seed));
            double fwdOurs = timing.medianMillis(ours::forwardTimed);
            double fwdPacked = timing.medianMillis(packed::forwardTimed);
            double fwdPadded = timing.medianMillis(padded::forwardTimed);
            double bwdOurs = timing.medianMillis(ours::forwardBackward);
            double bwdPacked = timing.medianMillis(packed::forwardBackward);
            double bwdPadded = timing.medianMillis(padded::forwardBackward);
            return List.of(withPadded(new PeerResult("ragged-bilstm-fwd", dims, fwdOurs, fwdPacked), fwdPadded),
                    withPadded(new PeerResult("ragged-bilstm-fwdbwd", dims, bwdOurs, bwdPacked), bwdPadded));
        }
    }

    private static PeerResult withPadded(PeerResult packed, double paddedMs) {
        return packed.with("pytorch_padded_ms", PeerResult.format(paddedMs)).with("ratio_padded", PeerResult.format(packed.rnn4jMs() / paddedMs));
    }

    /**
     * Each side against the double reference: y of the first and last sequence of the timed batch (with their
     * lengths), and y and dW of a whole small ragged problem of the same stack; then rnn4j against packed PyTorch
     * on the timed batch (y, dW).
     */
    private static String checkLine(Backend backend, NDManager torch, RnnProblem timed, int[] lengths, Rnn4jRnn ours, TorchPackedLstm packed,
                                    String dims, long seed) {
        float[] oursY = ours.forward(), oursDw = ours.weightGradients(), theirsY = packed.forward(), theirsDw = packed.weightGradients();
        RnnProblem small = RnnProblem.random(descriptor(SMALL), SMALL, seed);
        float[] smallOursY, smallOursDw, smallTheirsY, smallTheirsDw;
        try (var o = new Rnn4jRnn(backend, small, SMALL_LENGTHS); var t = new TorchPackedLstm(torch, small, SMALL_LENGTHS)) {
            smallOursY = o.forward();
            smallOursDw = o.weightGradients();
            smallTheirsY = t.forward();
            smallTheirsDw = t.weightGradients();
        }
        int[] sequences = RnnReference.firstAndLast(SHAPE.batch());
        double[] y = referenceY(timed, lengths, sequences);
        var smallRef = new ReferenceRnnGradients(small.descriptor()).of(descriptor(small, SMALL_LENGTHS), RnnReference.toDouble(small.x()), null,
                null, RnnReference.toDouble(small.weightSpace()), RnnReference.toDouble(small.dy()), null, null);
        int width = timed.descriptor().outputSize();
        var rnn4j = new ReferenceCheck(ReferenceCheck.Side.RNN4J, List.of(
                Map.entry("y", RelativeError.of(RnnReference.sequences(oursY, SHAPE.seqLength(), SHAPE.batch(), width, sequences), y)),
                Map.entry("small_y", RelativeError.of(smallOursY, smallRef.forward().y())),
                Map.entry("small_dW", RelativeError.of(smallOursDw, smallRef.dw()))));
        var pytorch = new ReferenceCheck(ReferenceCheck.Side.PYTORCH, List.of(
                Map.entry("y", RelativeError.of(RnnReference.sequences(theirsY, SHAPE.seqLength(), SHAPE.batch(), width, sequences), y)),
                Map.entry("small_y", RelativeError.of(smallTheirsY, smallRef.forward().y())),
                Map.entry("small_dW", RelativeError.of(smallTheirsDw, smallRef.dw()))));
        String cross = String.format(Locale.ROOT, "(packed) rel_err_y=%.2e rel_err_dW=%.2e", RelativeError.of(oursY, theirsY),
                RelativeError.of(oursDw, theirsDw));
        return ReferenceCheck.line("ragged-bilstm", dims, rnn4j, pytorch, cross);
    }

    /** The reference's y [T, n, D·H] of the batch entries {@code sequences}, each run to its own length (zero past it). */
    static double[] referenceY(RnnProblem p, int[] lengths, int[] sequences) {
        RnnShape shape = p.shape();
        float[] x = RnnReference.sequences(p.x(), shape.seqLength(), shape.batch(), shape.inputSize(), sequences);
        int[] own = new int[sequences.length];
        for (int k = 0; k < sequences.length; k++) own[k] = lengths[sequences[k]];
        var xDesc = new RnnDataDescriptor(shape.seqLength(), sequences.length, shape.inputSize(), own, RnnDataLayout.SEQ_MAJOR);
        return new ReferenceRnn(p.descriptor()).forward(xDesc, RnnReference.toDouble(x), null, null, RnnReference.toDouble(p.weightSpace()), null).y();
    }

    private static RnnDataDescriptor descriptor(RnnProblem p, int[] lengths) {
        RnnShape s = p.shape();
        return new RnnDataDescriptor(s.seqLength(), s.batch(), s.inputSize(), lengths, RnnDataLayout.SEQ_MAJOR);
    }
}

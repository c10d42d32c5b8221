package dev.rnn4j.bench.gpu;

import dev.rnn4j.bench.peers.CharLmProblem;
import dev.rnn4j.bench.peers.RnnProblem;
import dev.rnn4j.bench.peers.RnnShape;
import dev.rnn4j.rnn.PyTorchRnnWeights;
import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.rnn.RnnMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The inputs of a {@link GpuCase}, drawn from {@link CounterUniform} exactly as the PyTorch side draws them.
 * The RNN weights are drawn per PyTorch parameter (stream = first stream + the parameter's index in PyTorch's
 * flat order: weight_ih, weight_hh, bias_ih, bias_hh) and mapped into the canonical weight space by
 * {@link PyTorchRnnWeights}, so PyTorch's module gets them without any mapping on its side.
 */
public final class GpuInputs {

    // the generator's streams; gpu_pytorch_side.py uses the same numbers
    static final int STREAM_X = 1;
    static final int STREAM_DY = 2;
    static final int STREAM_RNN_WEIGHTS = 10;
    static final int STREAM_A = 20;
    static final int STREAM_B = 21;
    static final int STREAM_TABLE = 30;
    static final int STREAM_DENSE_W = 31;
    static final int STREAM_DENSE_B = 32;
    static final int STREAM_TEXT = 33;
    static final int STREAM_CHARLM_RNN = 40;

    private GpuInputs() {
    }

    /** Weights, x [T, B, I] and the output gradient G [T, B, H] of an {@code rnn} case. */
    public static RnnProblem rnn(GpuCase c) {
        var shape = new RnnShape(c.intParam("T"), c.intParam("B"), c.intParam("I"), c.intParam("H"));
        var rnn = RnnDescriptor.of(RnnMode.valueOf(c.param("mode")), 1, false, shape.inputSize(), shape.hiddenSize());
        long seed = c.longParam("seed");
        float[] w = rnnWeights(rnn, seed, STREAM_RNN_WEIGHTS, c.floatBitsParam("wscale"));
        float[] x = CounterUniform.uniform(seed, STREAM_X, elements(shape.seqLength(), shape.batch(), shape.inputSize()), 1f);
        float[] dy = CounterUniform.uniform(seed, STREAM_DY, elements(shape.seqLength(), shape.batch(), rnn.outputSize()), 1f);
        return new RnnProblem(rnn, shape, w, x, dy);
    }

    /** The per-sequence lengths of an {@code rnn} case, or null when every sequence has length T. */
    public static int[] lengths(GpuCase c) {
        return switch (c.param("lengths")) {
            case "full" -> null;
            case "ragged" -> raggedLengths(c.intParam("T"), c.intParam("B"));
            default -> throw new IllegalArgumentException("case id=" + c.id() + ": lengths must be full or ragged, got " + c.param("lengths"));
        };
    }

    /** Lengths from T down to 1, non-increasing: {@code T − b·(T−1) / (B−1)} (what pack_padded_sequence takes sorted). */
    static int[] raggedLengths(int t, int batch) {
        int[] lengths = new int[batch];
        for (int b = 0; b < batch; b++) lengths[b] = batch == 1 ? t : t - (int) ((long) b * (t - 1) / (batch - 1));
        return lengths;
    }

    /** A canonical weight space whose PyTorch parameter k is stream {@code firstStream + k}, scaled by {@code scale}. */
    static float[] rnnWeights(RnnDescriptor rnn, long seed, int firstStream, float scale) {
        Map<String, float[]> params = new LinkedHashMap<>();
        List<PyTorchRnnWeights.Parameter> names = PyTorchRnnWeights.parameters(rnn);
        for (int k = 0; k < names.size(); k++) {
            var p = names.get(k);
            params.put(p.name(), CounterUniform.uniform(seed, firstStream + k, p.size(), scale));
        }
        return PyTorchRnnWeights.fromPyTorch(rnn, params);
    }

    /** {A [M, K], B [K, N]} of an {@code sgemm} case. */
    public static float[][] sgemm(GpuCase c) {
        long seed = c.longParam("seed");
        int m = c.intParam("M"), n = c.intParam("N"), k = c.intParam("K");
        return new float[][] {CounterUniform.uniform(seed, STREAM_A, elements(m, k), 1f), CounterUniform.uniform(seed, STREAM_B, elements(k, n), 1f)};
    }

    /**
     * The model and batch of a {@code charlm} case: a random text of T+1 characters per sequence, ids its first
     * T characters and labels the next ones, both sequence-major [T, B].
     */
    public static CharLmProblem charLm(GpuCase c) {
        int t = c.intParam("T"), b = c.intParam("B"), e = c.intParam("E"), h = c.intParam("H"), v = c.intParam("V");
        long seed = c.longParam("seed");
        float scale = c.floatBitsParam("wscale");
        var rnn = RnnDescriptor.of(RnnMode.LSTM, 1, false, e, h);
        int[] text = CounterUniform.indices(seed, STREAM_TEXT, elements(t + 1, b), v);
        int[] ids = new int[t * b];
        int[] labels = new int[t * b];
        for (int i = 0; i < t * b; i++) {
            ids[i] = text[i];
            labels[i] = text[i + b];
        }
        return new CharLmProblem(v, e, h, t, b, (float) c.doubleParam("lr"),
                CounterUniform.uniform(seed, STREAM_TABLE, elements(v, e), 1f),
                rnnWeights(rnn, seed, STREAM_CHARLM_RNN, scale),
                CounterUniform.uniform(seed, STREAM_DENSE_W, elements(v, h), scale),
                CounterUniform.uniform(seed, STREAM_DENSE_B, v, scale), ids, labels);
    }

    /** The product of the extents as an array length; an exception naming them when it does not fit. */
    static int elements(int... extents) {
        long n = 1;
        for (int e : extents) {
            n *= e;
            if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("too many elements for one array: " + java.util.Arrays.toString(extents));
        }
        return (int) n;
    }
}

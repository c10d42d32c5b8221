package dev.rnn4j.rnn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Converts between the canonical weight space ({@link RnnWeightLayout}) and the parameters of PyTorch's
 * nn.RNN / nn.LSTM / nn.GRU: {@code weight_ih_l{k}[_reverse]} [G·H, layerInput], {@code weight_hh_l{k}} [G·H, H],
 * {@code bias_ih_l{k}}, {@code bias_hh_l{k}} [G·H]. Gate order and matrix layout are identical (PyTorch's
 * GRU is cuDNN's), so every block is a plain copy. PyTorch has both biases or none: for the single-bias
 * modes the missing bias is exported as zeros and must be zero (or absent) on import.
 */
public final class PyTorchRnnWeights {

    /** One PyTorch parameter: name and shape. */
    public record Parameter(String name, long[] shape) {
        public Parameter {
            Objects.requireNonNull(name, "name");
            shape = shape.clone();
        }

        @Override
        public long[] shape() {
            return shape.clone();
        }

        public int size() {
            return (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        }
    }

    private PyTorchRnnWeights() {
    }

    /** PyTorch's parameters in its flat order: per layer, per direction, weight_ih, weight_hh, then bias_ih, bias_hh unless NO_BIAS. */
    public static List<Parameter> parameters(RnnDescriptor rnn) {
        List<Parameter> params = new ArrayList<>();
        int rows = rnn.mode().gates() * rnn.hiddenSize();
        for (int l = 0; l < rnn.numLayers(); l++) {
            for (int d = 0; d < rnn.directions(); d++) {
                String suffix = "_l" + l + (d == 1 ? "_reverse" : "");
                params.add(new Parameter("weight_ih" + suffix, new long[] {rows, rnn.layerInputSize(l)}));
                params.add(new Parameter("weight_hh" + suffix, new long[] {rows, rnn.hiddenSize()}));
                if (rnn.biasMode() != RnnBiasMode.NO_BIAS) {
                    params.add(new Parameter("bias_ih" + suffix, new long[] {rows}));
                    params.add(new Parameter("bias_hh" + suffix, new long[] {rows}));
                }
            }
        }
        return params;
    }

    /** PyTorch's tensors (row-major, in {@link #parameters} order) from a canonical weight space. */
    public static Map<String, float[]> toPyTorch(RnnDescriptor rnn, float[] weightSpace) {
        RnnWeightLayout layout = rnn.weightLayout();
        requireLength("weightSpace", weightSpace, layout.size());
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Parameter p : parameters(rnn)) {
            long offset = offset(layout, p.name());
            float[] values = new float[p.size()];
            if (offset >= 0) System.arraycopy(weightSpace, (int) offset, values, 0, values.length);
            out.put(p.name(), values);
        }
        return out;
    }

    /** A canonical weight space from PyTorch's tensors (by name; every parameter the RNN has must be there). */
    public static float[] fromPyTorch(RnnDescriptor rnn, Map<String, float[]> params) {
        Objects.requireNonNull(params, "params");
        RnnWeightLayout layout = rnn.weightLayout();
        float[] weightSpace = new float[Math.toIntExact(layout.size())];
        for (Parameter p : parameters(rnn)) {
            float[] values = params.get(p.name());
            long offset = offset(layout, p.name());
            if (offset < 0) {
                if (values != null && !allZero(values)) {
                    throw new IllegalArgumentException(p.name() + " is non-zero but bias mode " + rnn.biasMode() + " has no such bias");
                }
                continue;
            }
            if (values == null) throw new IllegalArgumentException("missing PyTorch parameter " + p.name());
            requireLength(p.name(), values, p.size());
            System.arraycopy(values, 0, weightSpace, (int) offset, values.length);
        }
        return weightSpace;
    }

    /** The offset of a parameter in the weight space, or -1 for a bias the bias mode lacks. */
    private static long offset(RnnWeightLayout layout, String name) {
        int l = Integer.parseInt(name.replaceAll("^.*_l(\\d+).*$", "$1"));
        int d = name.endsWith("_reverse") ? 1 : 0;
        if (name.startsWith("weight_ih")) return layout.inputWeightOffset(l, d);
        if (name.startsWith("weight_hh")) return layout.recurrentWeightOffset(l, d);
        if (name.startsWith("bias_ih")) return layout.inputBiasOffset(l, d);
        return layout.recurrentBiasOffset(l, d);
    }

    private static boolean allZero(float[] values) {
        for (float v : values) {
            if (v != 0f) return false;
        }
        return true;
    }

    static void requireLength(String name, float[] values, long expected) {
        Objects.requireNonNull(values, name);
        if (values.length != expected) {
            throw new IllegalArgumentException(name + " has " + values.length + " values, expected " + expected);
        }
    }
}

package dev.rnn4j.bench.peers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.rnn.RnnWeightLayout;
import java.util.Arrays;

/**
 * The canonical weight space as the parameter list of PyTorch's {@code torch.lstm/gru/rnn_tanh} (what DJL's
 * NDArrayEx.lstm/gru/rnn pass through): per layer, per direction, {@code weight_ih [G·H, in]},
 * {@code weight_hh [G·H, H]}, {@code bias_ih [G·H]}, {@code bias_hh [G·H]}. The gate order (LSTM i,f,g,o; GRU
 * r,z,n) and the stacking are the same on both sides, so every tensor is one contiguous slice. PyTorch has
 * both biases or none: a single-bias mode is given a zero tensor for the missing one.
 */
public final class TorchWeights {

    private TorchWeights() {
    }

    /** Whether PyTorch is called with has_biases. */
    public static boolean hasBiases(RnnDescriptor rnn) {
        return rnn.biasMode().hasInputBias() || rnn.biasMode().hasRecurrentBias();
    }

    /** New arrays in {@code manager}, in PyTorch's flat-weights order. */
    public static NDList toTorch(NDManager manager, RnnDescriptor rnn, float[] weightSpace) {
        RnnWeightLayout layout = rnn.weightLayout();
        if (weightSpace.length != layout.size()) {
            throw new IllegalArgumentException("weight space has " + weightSpace.length + " floats, " + rnn + " needs " + layout.size());
        }
        int rows = layout.gateRows();
        var params = new NDList();
        for (int layer = 0; layer < rnn.numLayers(); layer++) {
            int in = rnn.layerInputSize(layer);
            for (int dir = 0; dir < rnn.directions(); dir++) {
                params.add(slice(manager, weightSpace, layout.inputWeightOffset(layer, dir), rows, in));
                params.add(slice(manager, weightSpace, layout.recurrentWeightOffset(layer, dir), rows, rnn.hiddenSize()));
                if (hasBiases(rnn)) {
                    params.add(biasOrZeros(manager, weightSpace, layout.inputBiasOffset(layer, dir), rows));
                    params.add(biasOrZeros(manager, weightSpace, layout.recurrentBiasOffset(layer, dir), rows));
                }
            }
        }
        return params;
    }

    /** The gradients of {@code params} (as {@link #toTorch} made them) back in the canonical layout. */
    public static float[] gradientsToWeightSpace(RnnDescriptor rnn, NDList params) {
        RnnWeightLayout layout = rnn.weightLayout();
        float[] out = new float[Math.toIntExact(layout.size())];
        int p = 0;
        for (int layer = 0; layer < rnn.numLayers(); layer++) {
            for (int dir = 0; dir < rnn.directions(); dir++) {
                p = copyGradient(params, p, layout.inputWeightOffset(layer, dir), out);
                p = copyGradient(params, p, layout.recurrentWeightOffset(layer, dir), out);
                if (hasBiases(rnn)) {
                    p = copyGradient(params, p, layout.inputBiasOffset(layer, dir), out);
                    p = copyGradient(params, p, layout.recurrentBiasOffset(layer, dir), out);
                }
            }
        }
        return out;
    }

    private static int copyGradient(NDList params, int index, long offset, float[] out) {
        try (NDArray grad = params.get(index).getGradient()) {
            if (offset >= 0) {
                float[] g = grad.toFloatArray();
                System.arraycopy(g, 0, out, Math.toIntExact(offset), g.length);
            }
        }
        return index + 1;
    }

    private static NDArray slice(NDManager manager, float[] ws, long offset, long... shape) {
        int from = Math.toIntExact(offset);
        int n = Math.toIntExact(Arrays.stream(shape).reduce(1, Math::multiplyExact));
        return manager.create(Arrays.copyOfRange(ws, from, from + n), new Shape(shape));
    }

    private static NDArray biasOrZeros(NDManager manager, float[] ws, long offset, int rows) {
        return offset >= 0 ? slice(manager, ws, offset, rows) : manager.zeros(new Shape(rows));
    }
}

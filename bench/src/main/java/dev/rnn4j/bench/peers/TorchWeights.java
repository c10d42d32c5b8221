package dev.rnn4j.bench.peers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.rnn4j.rnn.PyTorchRnnWeights;
import dev.rnn4j.rnn.RnnBiasMode;
import dev.rnn4j.rnn.RnnDescriptor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The canonical weight space as the NDArray parameter list that {@code torch.lstm / gru / rnn_tanh} take
 * (what DJL's NDArrayEx.lstm/gru/rnn pass through), in PyTorch's flat order: per layer, per direction,
 * weight_ih, weight_hh, bias_ih, bias_hh. The element mapping itself is core's {@link PyTorchRnnWeights}
 * (same gate order on both sides; a single-bias mode gives PyTorch a zero tensor for the missing bias).
 */
public final class TorchWeights {

    private TorchWeights() {
    }

    /** Whether PyTorch is called with has_biases. */
    public static boolean hasBiases(RnnDescriptor rnn) {
        return rnn.biasMode() != RnnBiasMode.NO_BIAS;
    }

    /** New arrays in {@code manager}, in PyTorch's flat-weights order. */
    public static NDList toTorch(NDManager manager, RnnDescriptor rnn, float[] weightSpace) {
        Map<String, float[]> values = PyTorchRnnWeights.toPyTorch(rnn, weightSpace);
        var params = new NDList();
        for (PyTorchRnnWeights.Parameter p : PyTorchRnnWeights.parameters(rnn)) {
            params.add(manager.create(values.get(p.name()), new Shape(p.shape())));
        }
        return params;
    }

    /**
     * The gradients of {@code params} (as {@link #toTorch} made them) in the canonical layout; the gradient of
     * a bias the bias mode lacks (PyTorch's stand-in zero tensor) is dropped.
     */
    public static float[] gradientsToWeightSpace(RnnDescriptor rnn, NDList params) {
        List<PyTorchRnnWeights.Parameter> names = PyTorchRnnWeights.parameters(rnn);
        if (names.size() != params.size()) {
            throw new IllegalArgumentException(params.size() + " arrays for the " + names.size() + " parameters of " + rnn);
        }
        Map<String, float[]> grads = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i).name();
            if (inWeightSpace(rnn, name)) {
                try (NDArray g = params.get(i).getGradient()) {
                    grads.put(name, g.toFloatArray());
                }
            }
        }
        return PyTorchRnnWeights.fromPyTorch(rnn, grads);
    }

    private static boolean inWeightSpace(RnnDescriptor rnn, String name) {
        if (name.startsWith("bias_ih")) return rnn.biasMode().hasInputBias();
        if (name.startsWith("bias_hh")) return rnn.biasMode().hasRecurrentBias();
        return true;
    }
}

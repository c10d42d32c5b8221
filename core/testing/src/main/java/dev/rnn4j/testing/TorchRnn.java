package dev.rnn4j.testing;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.recurrent.RNN;
import ai.djl.training.GradientCollector;
import dev.rnn4j.rnn.RnnMode;
import java.util.ArrayList;
import java.util.List;

/**
 * PyTorch's multi-layer RNNs (torch::rnn_tanh, rnn_relu, lstm, gru through DJL's NDArrayEx) with given
 * weights, and their gradients by autograd. Parameters are PyTorch's flat list: per layer, per direction,
 * weight_ih, weight_hh, then bias_ih, bias_hh when {@code hasBiases}. x is [T, B, I], or [B, T, I] with
 * {@code batchFirst}; states are [layers·directions, B, H]. Dropout is off.
 */
public final class TorchRnn {

    /** What PyTorch needs to know about the RNN. */
    public record Config(RnnMode mode, int numLayers, boolean bidirectional, boolean hasBiases, boolean batchFirst) {
    }

    /** Outputs, and the gradients of sum(y·gy) + sum(hy·gh) + sum(cy·gc) (null without a backward). */
    public record Result(float[] y, float[] hy, float[] cy, float[] dx, float[] dhx, float[] dcx, List<float[]> dParams) {
    }

    private TorchRnn() {
    }

    /** Forward only: [y, hy] (and cy for LSTM). */
    public static NDList forward(Config c, NDArray x, NDArray hx, NDArray cx, NDList params) {
        var ex = x.getNDArrayInternal();
        return switch (c.mode()) {
            case RNN_TANH, RNN_RELU -> ex.rnn(x, hx, params, c.hasBiases(), c.numLayers(),
                    c.mode() == RnnMode.RNN_TANH ? RNN.Activation.TANH : RNN.Activation.RELU, 0.0, false, c.bidirectional(), c.batchFirst());
            case GRU -> ex.gru(x, hx, params, c.hasBiases(), c.numLayers(), 0.0, false, c.bidirectional(), c.batchFirst());
            case LSTM -> ex.lstm(x, new NDList(hx, cx), params, c.hasBiases(), c.numLayers(), 0.0, false, c.bidirectional(), c.batchFirst());
        };
    }

    /**
     * Forward and backward of L = sum(y·gy) + sum(hy·gh) + sum(cy·gc). hx and cx may be null (zeros);
     * cx and gc are ignored unless the mode is LSTM.
     */
    public static Result gradients(NDManager m, Config c, NDArray x, NDArray hx, NDArray cx, NDList params,
                                   NDArray gy, NDArray gh, NDArray gc) {
        NDArray h0 = hx != null ? hx : m.zeros(gh.getShape());
        NDArray c0 = c.mode() != RnnMode.LSTM ? null : cx != null ? cx : m.zeros(gh.getShape());
        List<NDArray> leaves = new ArrayList<>(List.of(x, h0));
        if (c0 != null) leaves.add(c0);
        leaves.addAll(params);
        for (NDArray a : leaves) a.setRequiresGradient(true);
        NDList out;
        try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
            out = forward(c, x, h0, c0, params);
            NDArray loss = out.get(0).mul(gy).sum().add(out.get(1).mul(gh).sum());
            if (c0 != null) loss = loss.add(out.get(2).mul(gc).sum());
            collector.backward(loss);
        }
        List<float[]> dParams = new ArrayList<>();
        for (NDArray p : params) dParams.add(p.getGradient().toFloatArray());
        return new Result(out.get(0).toFloatArray(), out.get(1).toFloatArray(), c0 == null ? null : out.get(2).toFloatArray(),
                x.getGradient().toFloatArray(), h0.getGradient().toFloatArray(), c0 == null ? null : c0.getGradient().toFloatArray(),
                dParams);
    }
}

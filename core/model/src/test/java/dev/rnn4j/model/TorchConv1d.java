package dev.rnn4j.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.rnn4j.testing.TorchArrays;
import java.util.List;

/**
 * PyTorch's conv1d (through DJL) on a {@link Conv1dCase}'s data: x [B, T, C] transposed to [B, C, T], the
 * kernel permuted to PyTorch's weight [F, C, k], autograd for the gradients of L = Σ y·r, results back in
 * rnn4j's layouts. "same" with an odd kernel and stride 1 uses PyTorch's own symmetric padding (span−1)/2;
 * other "same" cases and "causal" pad zeros explicitly (TensorFlow's rule: ⌊total/2⌋ left, rest right; causal:
 * span − 1 left); dilation is PyTorch's own.
 */
final class TorchConv1d {

    private TorchConv1d() {
    }

    static Conv1dCase.Outputs outputs(Conv1dCase c, float[] x, float[] kernel, float[] bias, float[] r) {
        int k = c.kernelSize();
        int b = Conv1dCase.B, t = Conv1dCase.T, channels = Conv1dCase.C, filters = Conv1dCase.F;
        float[] weight = new float[filters * channels * k];
        for (int j = 0; j < k; j++) {
            for (int ch = 0; ch < channels; ch++) {
                for (int f = 0; f < filters; f++) weight[(f * channels + ch) * k + j] = kernel[(j * channels + ch) * filters + f];
            }
        }
        try (NDManager m = TorchArrays.manager()) {
            NDArray xs = TorchArrays.of(m, x, b, t, channels);
            NDArray w = TorchArrays.of(m, weight, filters, channels, k);
            NDArray bs = TorchArrays.of(m, bias, filters);
            for (NDArray leaf : List.of(xs, w, bs)) leaf.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray input = xs.transpose(0, 2, 1);
                int symmetric = 0;
                if (c.padding().equals("same") && k % 2 == 1 && c.stride() == 1) {
                    symmetric = (c.span() - 1) / 2;
                } else if (c.padLeft() + c.padRight() > 0) {
                    input = m.zeros(new Shape(b, channels, c.padLeft())).concat(input, 2).concat(m.zeros(new Shape(b, channels, c.padRight())), 2);
                }
                NDArray y = input.getNDArrayInternal()
                        .convolution(input, w, bs, new Shape(c.stride()), new Shape(symmetric), new Shape(c.dilation()), 1).get(0)
                        .transpose(0, 2, 1);
                float[] yv = y.toFloatArray();
                gc.backward(y.mul(TorchArrays.of(m, r, y.getShape().getShape())).sum());
                float[] dw = w.getGradient().toFloatArray();
                float[] dKernel = new float[dw.length];
                for (int j = 0; j < k; j++) {
                    for (int ch = 0; ch < channels; ch++) {
                        for (int f = 0; f < filters; f++) dKernel[(j * channels + ch) * filters + f] = dw[(f * channels + ch) * k + j];
                    }
                }
                return new Conv1dCase.Outputs(yv, xs.getGradient().toFloatArray(), dKernel, bs.getGradient().toFloatArray());
            }
        }
    }
}

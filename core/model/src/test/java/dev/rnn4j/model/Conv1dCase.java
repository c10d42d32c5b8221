package dev.rnn4j.model;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.model.layers.Layers;
import dev.rnn4j.model.ops.HostData;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;

/**
 * One Conv1D geometry of the PyTorch cross-check (kernel size, stride, padding "valid", "same" or "causal",
 * dilation), with its seeded data: x [B, T, C] uniform from seed
 * 100 + k, the kernel [k, C, F] as the layer initialises it with seed 40 + k, bias {0.3, −0.2}, and the loss
 * L = Σ y·r with r = {@link GradCheck#weights}(|y|, k). {@link #rnn4j} runs rnn4j's layer on it;
 * {@link ReferenceConv1d} and {@link TorchConv1d} compute the same from its data.
 */
record Conv1dCase(int kernelSize, int stride, String padding, int dilation) {

    /** Dilation 1, padding "same" or "valid". */
    Conv1dCase(int kernelSize, int stride, boolean same) {
        this(kernelSize, stride, same ? "same" : "valid", 1);
    }

    static final int B = 2, T = 7, C = 3, F = 2;
    static final float[] BIAS = {0.3f, -0.2f};

    /** y [B, T_out, F] and the gradients of L with respect to x, the kernel [k, C, F] and the bias. */
    record Outputs(float[] y, float[] dx, float[] dKernel, float[] dBias) {
    }

    /** What rnn4j's layer computed, and the kernel it was initialised with. */
    record Rnn4jRun(float[] x, float[] kernel, Outputs outputs) {
    }

    /** Steps one window covers: dilation·(k − 1) + 1. */
    int span() {
        return dilation * (kernelSize - 1) + 1;
    }

    /** Output steps: ⌈T / stride⌉ for "same" and "causal", ⌊(T − span) / stride⌋ + 1 for "valid". */
    int outSteps() {
        return padding.equals("valid") ? (T - span()) / stride + 1 : (T + stride - 1) / stride;
    }

    /** Zeros before the first step: none ("valid"), ⌊total / 2⌋ ("same", TensorFlow's rule), span − 1 ("causal"). */
    int padLeft() {
        return switch (padding) {
            case "same" -> Math.max((outSteps() - 1) * stride + span() - T, 0) / 2;
            case "causal" -> span() - 1;
            default -> 0;
        };
    }

    /** Zeros after the last step that the windows reach. */
    int padRight() {
        return Math.max((outSteps() - 1) * stride + span() - padLeft() - T, 0);
    }

    float[] r() {
        return GradCheck.weights((long) B * outSteps() * F, kernelSize);
    }

    Rnn4jRun rnn4j(Backend backend) {
        try (TensorScope scope = TensorScope.open();
             Model model = Sequential.of(Input.floats(T, C), Layers.conv1d(F, kernelSize).strides(stride).dilationRate(dilation).padding(padding))
                     .build(backend, 40 + kernelSize)) {
            Tensor x = GradCheck.uniform(scope, 100 + kernelSize, B, T, C);
            float[] kernel = HostData.floats(backend, model.parameter("conv1d.kernel").value());
            model.parameter("conv1d.bias").value().copyFrom(BIAS);
            float[] y;
            float[] dx;
            try (GradientTape tape = model.tape(true)) {
                Variable xv = tape.watch(x);
                Variable out = model.call(tape, xv);
                y = HostData.floats(backend, out.value());
                tape.backward(GradCheck.weightedSum(tape, out, GradCheck.weights(y.length, kernelSize)));
                dx = HostData.floats(backend, xv.grad());
            }
            float[] dKernel = HostData.floats(backend, model.parameter("conv1d.kernel").grad());
            float[] dBias = HostData.floats(backend, model.parameter("conv1d.bias").grad());
            return new Rnn4jRun(x.toFloatArray(), kernel, new Outputs(y, dx, dKernel, dBias));
        }
    }

    @Override
    public String toString() {
        return "k=" + kernelSize + " stride=" + stride + " dilation=" + dilation + " " + padding + " (B=" + B + " T=" + T + " C=" + C + " F=" + F + ")";
    }
}

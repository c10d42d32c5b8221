package dev.rnn4j.model.layers;

import dev.rnn4j.model.BuildContext;
import dev.rnn4j.model.GradientTape;
import dev.rnn4j.model.Parameter;
import dev.rnn4j.model.Variable;
import dev.rnn4j.model.ops.ConvOps;

import java.util.List;
import java.util.Map;

/**
 * Keras' Conv1D: {@code activation(conv(x, kernel) + bias)} over time, input [B, T, C] → [B, T', filters].
 * Options: strides; dilation_rate d (taps d steps apart, so the kernel spans S = d·(K - 1) + 1 steps; Keras
 * refuses strides and dilation_rate both above 1, and so does this layer); padding "valid" (T' = ⌊(T - S) /
 * strides⌋ + 1, needs T >= S), "same" (T' = ⌈T / strides⌉, zeros split ⌊total / 2⌋ left and the rest right,
 * as TensorFlow does) or "causal" (S - 1 zeros on the left only: output step t sees no input after step t;
 * T' = ⌈T / strides⌉); activation, use_bias. Parameters
 * "kernel" [kernel_size, in, filters] (Keras' layout; PyTorch's Conv1d weight is its permutation [filters, in,
 * kernel_size]) and "bias" [filters]. Computed by {@link ConvOps#conv1d} (im2col gather and one gemm).
 * The input's mask is dropped, as in Keras, where Conv1D does not propagate masks: padded steps are convolved
 * like data and the output carries no mask.
 */
public final class Conv1D extends AbstractLayer {

    private final int filters;
    private final int kernelSize;
    private int strides = 1;
    private int dilationRate = 1;
    private String padding = "valid";
    private String activation = "linear";
    private boolean useBias = true;
    private Parameter kernel;
    private Parameter bias;

    public Conv1D(int filters, int kernelSize) {
        super("conv1d");
        if (filters < 1) throw new IllegalArgumentException("Conv1D needs filters >= 1, got " + filters);
        if (kernelSize < 1) throw new IllegalArgumentException("Conv1D needs kernel_size >= 1, got " + kernelSize);
        this.filters = filters;
        this.kernelSize = kernelSize;
    }

    public Conv1D strides(int s) {
        requireNotBuilt();
        if (s < 1) throw new IllegalArgumentException("Conv1D needs strides >= 1, got " + s);
        requireStridesOrDilation(s, dilationRate);
        this.strides = s;
        return this;
    }

    /** Taps {@code d} steps apart (Keras' dilation_rate; 1: an ordinary convolution). */
    public Conv1D dilationRate(int d) {
        requireNotBuilt();
        if (d < 1) throw new IllegalArgumentException("Conv1D needs dilation_rate >= 1, got " + d);
        requireStridesOrDilation(strides, d);
        this.dilationRate = d;
        return this;
    }

    private static void requireStridesOrDilation(int s, int d) {
        if (s > 1 && d > 1) {
            throw new IllegalArgumentException("Conv1D: strides " + s + " and dilation_rate " + d + " cannot both be > 1 (Keras refuses the same)");
        }
    }

    /** "valid", "same" or "causal". */
    public Conv1D padding(String p) {
        requireNotBuilt();
        if (!List.of("valid", "same", "causal").contains(p)) {
            throw new IllegalArgumentException("Conv1D padding must be 'valid', 'same' or 'causal', got '" + p + "'");
        }
        this.padding = p;
        return this;
    }

    public Conv1D activation(String name) {
        requireNotBuilt();
        Activations.check(name);
        this.activation = name;
        return this;
    }

    public Conv1D useBias(boolean b) {
        requireNotBuilt();
        this.useBias = b;
        return this;
    }

    @Override
    public String type() {
        return "Conv1D";
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("filters", filters, "kernel_size", kernelSize, "strides", strides, "dilation_rate", dilationRate, "padding", padding,
                "activation", activation, "use_bias", useBias);
    }

    /** A config without "dilation_rate" (written before it existed) means 1. */
    static Conv1D fromConfig(Map<String, Object> c) {
        return new Conv1D(Configs.i(c, "filters"), Configs.i(c, "kernel_size")).strides(Configs.i(c, "strides"))
                .dilationRate(c.containsKey("dilation_rate") ? Configs.i(c, "dilation_rate") : 1).padding(Configs.s(c, "padding"))
                .activation(Configs.s(c, "activation")).useBias(Configs.b(c, "use_bias"));
    }

    @Override
    protected List<long[]> buildFor(BuildContext ctx, List<long[]> in) {
        List<long[]> out = outputShapesFor(in);
        int channels = (int) features(in.getFirst());
        var rng = ctx.random(name());
        double limit = Math.sqrt(6.0 / ((double) kernelSize * channels + (double) kernelSize * filters));
        kernel = addParameter(ctx, "kernel", () -> Init.uniform(rng, kernelSize * channels * filters, limit), kernelSize, channels, filters);
        if (useBias) bias = addParameter(ctx, "bias", () -> new float[filters], filters);
        return out;
    }

    @Override
    protected List<long[]> outputShapesFor(List<long[]> in) {
        long[] shape = in.getFirst();
        requireRank(shape, 2, "a sequence [batch, time, channels]");
        if (kernel == null) features(shape);
        else features(shape, kernel.shape()[1]);
        long outT = shape[0] < 1 ? -1 : window((int) shape[0]).outLength();
        return List.of(new long[] {outT, filters});
    }

    private ConvOps.Window window(int length) {
        return switch (padding) {
            case "same" -> ConvOps.Window.same(length, kernelSize, strides, dilationRate);
            case "causal" -> ConvOps.Window.causal(length, kernelSize, strides, dilationRate);
            default -> ConvOps.Window.valid(length, kernelSize, strides, dilationRate);
        };
    }

    @Override
    protected List<Variable> forward(GradientTape tape, List<Variable> inputs) {
        Variable x = inputs.getFirst();
        requireRank(x, 3, "a float sequence [batch, time, channels]");
        Variable y = ConvOps.conv1d(tape, x, tape.param(kernel), bias == null ? null : tape.param(bias), window((int) x.dim(1)));
        return List.of(Activations.apply(tape, y, activation));
    }
}

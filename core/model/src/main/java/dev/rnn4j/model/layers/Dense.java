package dev.rnn4j.model.layers;

import dev.rnn4j.model.BuildContext;
import dev.rnn4j.model.GradientTape;
import dev.rnn4j.model.Parameter;
import dev.rnn4j.model.Variable;
import dev.rnn4j.model.ops.LinearOps;

import java.util.List;
import java.util.Map;

/**
 * {@code activation(x · Wᵀ + b)} over the last dimension of any-rank input; parameters "weight" [units, in]
 * and "bias" [units] (PyTorch's Linear). Activations: linear, relu, tanh, sigmoid, softmax.
 */
public final class Dense extends AbstractLayer {

    private final int units;
    private String activation = "linear";
    private boolean useBias = true;
    private Parameter weight;
    private Parameter bias;

    public Dense(int units) {
        super("dense");
        if (units < 1) throw new IllegalArgumentException("Dense needs units >= 1, got " + units);
        this.units = units;
    }

    public Dense activation(String name) {
        requireNotBuilt();
        Activations.check(name);
        this.activation = name;
        return this;
    }

    public Dense useBias(boolean b) {
        requireNotBuilt();
        this.useBias = b;
        return this;
    }

    @Override
    public String type() {
        return "Dense";
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("units", units, "activation", activation, "use_bias", useBias);
    }

    static Dense fromConfig(Map<String, Object> c) {
        return new Dense(Configs.i(c, "units")).activation(Configs.s(c, "activation")).useBias(Configs.b(c, "use_bias"));
    }

    @Override
    protected List<long[]> buildFor(BuildContext ctx, List<long[]> in) {
        int features = (int) features(in.getFirst());
        List<long[]> out = outputShapesFor(in);
        var rng = ctx.random(name());
        weight = addParameter(ctx, "weight", () -> Init.glorotUniform(rng, units, features), units, features);
        if (useBias) bias = addParameter(ctx, "bias", () -> new float[units], units);
        return out;
    }

    /** [..., in] → [..., units], any rank; a further call must have the built input width. */
    @Override
    protected List<long[]> outputShapesFor(List<long[]> in) {
        long[] out = in.getFirst().clone();
        if (weight == null) features(out);
        else features(out, weight.shape()[1]);
        out[out.length - 1] = units;
        return List.of(out);
    }

    @Override
    protected List<Variable> forward(GradientTape tape, List<Variable> inputs) {
        Variable y = LinearOps.linear(tape, inputs.getFirst(), tape.param(weight), bias == null ? null : tape.param(bias));
        return List.of(Activations.apply(tape, y, activation));
    }
}

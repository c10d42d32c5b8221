package dev.rnn4j.examples;

import dev.rnn4j.model.BuildContext;
import dev.rnn4j.model.GradientTape;
import dev.rnn4j.model.Parameter;
import dev.rnn4j.model.Variable;
import dev.rnn4j.model.layers.AbstractLayer;
import dev.rnn4j.model.ops.LinearOps;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A custom layer written the way Keras' guide writes its {@code Linear}: {@code y = x·w + b} with w [in, units]
 * (normal, σ 0.05) and b [units] (zeros), created when the input width is known. Everything a custom layer needs:
 * a type name and a config for checkpoints, the parameters created in {@link #buildFor}, the forward from
 * differentiable ops on the tape (their backward comes with them). Register it before loading a checkpoint that
 * holds one: {@code Layers.register("LinearMap", LinearMap::fromConfig)}.
 */
public final class LinearMap extends AbstractLayer {

    private final int units;
    private Parameter w;
    private Parameter b;

    public LinearMap(int units) {
        super("linear_map");
        if (units < 1) throw new IllegalArgumentException("LinearMap needs units >= 1, got " + units);
        this.units = units;
    }

    public static LinearMap fromConfig(Map<String, Object> config) {
        if (!(config.get("units") instanceof Number n)) throw new IllegalArgumentException("LinearMap config lacks number 'units': " + config);
        return new LinearMap(n.intValue());
    }

    @Override
    public String type() {
        return "LinearMap";
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("units", units);
    }

    @Override
    protected List<long[]> buildFor(BuildContext ctx, List<long[]> in) {
        long[] shape = in.getFirst();
        int features = (int) features(shape);
        SplittableRandom rng = ctx.random(name());
        float[] init = new float[features * units];
        for (int i = 0; i < init.length; i++) init[i] = (float) (gaussian(rng) * 0.05);
        w = addParameter(ctx, "w", () -> init, features, units);
        b = addParameter(ctx, "b", () -> new float[units], units);
        long[] out = shape.clone();
        out[out.length - 1] = units;
        return List.of(out);
    }

    private static double gaussian(SplittableRandom rng) {
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    @Override
    protected List<Variable> forward(GradientTape tape, List<Variable> inputs) {
        return List.of(LinearOps.linearKernel(tape, inputs.getFirst(), tape.param(w), tape.param(b)));
    }
}

package dev.rnn4j.examples;

import dev.rnn4j.backend.Activation;
import dev.rnn4j.model.BuildContext;
import dev.rnn4j.model.GradientTape;
import dev.rnn4j.model.Variable;
import dev.rnn4j.model.layers.AbstractLayer;
import dev.rnn4j.model.ops.ElementwiseOps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A custom layer made of custom layers, as Keras' guide nests its {@code MLPBlock}: hidden layers of the given
 * widths, each a {@link LinearMap} followed by relu (put a {@code LinearMap} after it for a linear output, as the
 * guide's block ends). It builds its inner layers in {@link #buildFor},
 * names them after itself ("mlp_0", "mlp_1", ...) and adopts their parameters, so the model, its optimizer and its
 * checkpoints see them as the MlpLayer's.
 */
public final class MlpLayer extends AbstractLayer {

    private final int[] units;
    private final List<LinearMap> layers = new ArrayList<>();

    public MlpLayer(int... units) {
        super("mlp");
        if (units.length == 0) throw new IllegalArgumentException("MlpLayer needs at least one width");
        this.units = units.clone();
        for (int u : units) layers.add(new LinearMap(u));
    }

    @SuppressWarnings("unchecked")
    public static MlpLayer fromConfig(Map<String, Object> config) {
        if (!(config.get("units") instanceof List<?> list) || list.isEmpty()) throw new IllegalArgumentException("MlpLayer config lacks a list 'units': " + config);
        return new MlpLayer(((List<Number>) list).stream().mapToInt(Number::intValue).toArray());
    }

    @Override
    public String type() {
        return "MlpLayer";
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("units", java.util.Arrays.stream(units).boxed().toList());
    }

    @Override
    protected List<long[]> buildFor(BuildContext ctx, List<long[]> in) {
        List<long[]> shapes = in;
        for (int i = 0; i < layers.size(); i++) {
            LinearMap layer = layers.get(i);
            layer.setName(name() + "_" + i);
            shapes = layer.build(ctx, shapes);
            layer.parameters().forEach(this::addParameter);
        }
        return shapes;
    }

    @Override
    protected List<Variable> forward(GradientTape tape, List<Variable> inputs) {
        Variable x = inputs.getFirst();
        for (int i = 0; i < layers.size(); i++) {
            x = ElementwiseOps.activation(tape, layers.get(i).call(tape, List.of(x)).getFirst(), Activation.RELU);
        }
        return List.of(x);
    }
}

package dev.rnn4j.model.layers;

import dev.rnn4j.model.BuildContext;
import dev.rnn4j.model.GradientTape;
import dev.rnn4j.model.Variable;
import dev.rnn4j.model.ops.ElementwiseOps;

import java.util.List;
import java.util.Map;

/** Inverted dropout in training (masks from the backend's counter-based generator), identity in inference. */
public final class Dropout extends AbstractLayer {

    private final float rate;

    public Dropout(float rate) {
        super("dropout");
        if (!(rate >= 0f && rate < 1f)) throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
        this.rate = rate;
    }

    @Override
    public String type() {
        return "Dropout";
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("rate", rate);
    }

    static Dropout fromConfig(Map<String, Object> c) {
        return new Dropout(Configs.f(c, "rate"));
    }

    @Override
    protected List<long[]> buildFor(BuildContext ctx, List<long[]> in) {
        return outputShapesFor(in);
    }

    @Override
    protected List<long[]> outputShapesFor(List<long[]> in) {
        return List.of(in.getFirst().clone());
    }

    @Override
    protected List<Variable> forward(GradientTape tape, List<Variable> inputs) {
        return List.of(ElementwiseOps.dropout(tape, inputs.getFirst(), rate));
    }
}

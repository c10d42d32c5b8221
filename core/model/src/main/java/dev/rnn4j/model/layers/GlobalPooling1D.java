package dev.rnn4j.model.layers;

import dev.rnn4j.model.BuildContext;
import dev.rnn4j.model.GradientTape;
import dev.rnn4j.model.Variable;

import java.util.List;
import java.util.Map;

/** A pooling over time of [B, T, F] → [B, F] without options: the layer shape shared by the average and the maximum. */
abstract class GlobalPooling1D extends AbstractLayer {

    GlobalPooling1D(String defaultName) {
        super(defaultName);
    }

    /** The pooled [B, F] of x [B, T, F]. */
    abstract Variable pool(GradientTape tape, Variable x);

    @Override
    public final Map<String, Object> config() {
        return Map.of();
    }

    @Override
    protected final List<long[]> buildFor(BuildContext ctx, List<long[]> in) {
        requireRank(in.getFirst(), 2, "a sequence [batch, time, features]");
        return List.of(new long[] {features(in.getFirst())});
    }

    @Override
    protected final List<Variable> forward(GradientTape tape, List<Variable> inputs) {
        return List.of(pool(tape, inputs.getFirst()));
    }
}

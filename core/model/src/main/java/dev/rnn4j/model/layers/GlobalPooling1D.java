package dev.rnn4j.model.layers;

import dev.rnn4j.model.BuildContext;
import dev.rnn4j.model.GradientTape;
import dev.rnn4j.model.Variable;

import java.util.List;
import java.util.Map;

/** A pooling over time with no options and no weights: [B, T, F] → [B, F]; subclasses choose the pooling. */
abstract sealed class GlobalPooling1D extends AbstractLayer permits GlobalAveragePooling1D, GlobalMaxPooling1D {

    GlobalPooling1D(String defaultName) {
        super(defaultName);
    }

    @Override
    public final Map<String, Object> config() {
        return Map.of();
    }

    @Override
    protected final List<long[]> buildFor(BuildContext ctx, List<long[]> in) {
        return outputShapesFor(in);
    }

    @Override
    protected final List<long[]> outputShapesFor(List<long[]> in) {
        requireRank(in.getFirst(), 2, "a sequence [batch, time, features]");
        return List.of(new long[] {features(in.getFirst())});
    }

    @Override
    protected final List<Variable> forward(GradientTape tape, List<Variable> inputs) {
        requireRank(inputs.getFirst(), 3, "a sequence [batch, time, features]");
        return List.of(pool(tape, inputs.getFirst()));
    }

    /** x [B, T, F] → [B, F]. */
    abstract Variable pool(GradientTape tape, Variable x);
}

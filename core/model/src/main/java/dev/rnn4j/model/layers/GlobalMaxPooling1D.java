package dev.rnn4j.model.layers;

import dev.rnn4j.model.BuildContext;
import dev.rnn4j.model.GradientTape;
import dev.rnn4j.model.Variable;
import dev.rnn4j.model.ops.PoolingOps;

import java.util.List;
import java.util.Map;

/**
 * Max over time of [B, T, F] → [B, F] (the text CNN's pooling). Like Keras' GlobalMaxPooling1D it does not use
 * the mask: padded steps take part (after a Conv1D there is no mask anyway), and the output carries none.
 */
public final class GlobalMaxPooling1D extends AbstractLayer {

    public GlobalMaxPooling1D() {
        super("global_max_pooling1d");
    }

    @Override
    public String type() {
        return "GlobalMaxPooling1D";
    }

    @Override
    public Map<String, Object> config() {
        return Map.of();
    }

    @Override
    protected List<long[]> buildFor(BuildContext ctx, List<long[]> in) {
        return outputShapesFor(in);
    }

    @Override
    protected List<long[]> outputShapesFor(List<long[]> in) {
        requireRank(in.getFirst(), 2, "a sequence [batch, time, features]");
        return List.of(new long[] {features(in.getFirst())});
    }

    @Override
    protected List<Variable> forward(GradientTape tape, List<Variable> inputs) {
        requireRank(inputs.getFirst(), 3, "a sequence [batch, time, features]");
        return List.of(PoolingOps.globalMax(tape, inputs.getFirst()));
    }
}

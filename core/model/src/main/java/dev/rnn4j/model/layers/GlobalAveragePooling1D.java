package dev.rnn4j.model.layers;

import dev.rnn4j.model.BuildContext;
import dev.rnn4j.model.GradientTape;
import dev.rnn4j.model.Variable;
import dev.rnn4j.model.ops.PoolingOps;

import java.util.List;
import java.util.Map;

/** Mean over time of [B, T, F] → [B, F], counting only unmasked steps (a bag-of-vectors baseline). */
public final class GlobalAveragePooling1D extends AbstractLayer {

    public GlobalAveragePooling1D() {
        super("global_average_pooling1d");
    }

    @Override
    public String type() {
        return "GlobalAveragePooling1D";
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
        return List.of(PoolingOps.globalAverage(tape, inputs.getFirst()));
    }
}

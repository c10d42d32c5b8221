package dev.rnn4j.model.layers;

import dev.rnn4j.model.GradientTape;
import dev.rnn4j.model.Variable;
import dev.rnn4j.model.ops.PoolingOps;

/** Mean over time of [B, T, F] → [B, F], counting only unmasked steps (a bag-of-vectors baseline). */
public final class GlobalAveragePooling1D extends GlobalPooling1D {

    public GlobalAveragePooling1D() {
        super("global_average_pooling1d");
    }

    @Override
    public String type() {
        return "GlobalAveragePooling1D";
    }

    @Override
    Variable pool(GradientTape tape, Variable x) {
        return PoolingOps.globalAverage(tape, x);
    }
}

package dev.rnn4j.model.layers;

import dev.rnn4j.model.GradientTape;
import dev.rnn4j.model.Variable;
import dev.rnn4j.model.ops.PoolingOps;

/**
 * Max over time of [B, T, F] → [B, F] (the text CNN's pooling). Like Keras' GlobalMaxPooling1D it does not use
 * the mask: padded steps take part (after a Conv1D there is no mask anyway), and the output carries none.
 */
public final class GlobalMaxPooling1D extends GlobalPooling1D {

    public GlobalMaxPooling1D() {
        super("global_max_pooling1d");
    }

    @Override
    public String type() {
        return "GlobalMaxPooling1D";
    }

    @Override
    Variable pool(GradientTape tape, Variable x) {
        return PoolingOps.globalMax(tape, x);
    }
}

package dev.rnn4j.model.layers;

import dev.rnn4j.model.GradientTape;
import dev.rnn4j.model.Variable;
import dev.rnn4j.model.ops.PoolingOps;

/**
 * Maximum over time of [B, T, F] → [B, F], over every step: like Keras 3's GlobalMaxPooling1D, this layer does not
 * read the input's mask (padding steps count) and its output carries none.
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

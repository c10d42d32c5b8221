package dev.rnn4j.model;

import java.util.List;
import java.util.Objects;

/** A linear stack of single-input, single-output layers: Keras' Sequential, built as a chain {@link Model}. */
public final class Sequential {

    private Sequential() {
    }

    /** {@code input → layers[0] → layers[1] → ...} as a model. */
    public static Model of(Node input, Layer... layers) {
        return of(input, List.of(layers));
    }

    public static Model of(Node input, List<Layer> layers) {
        Objects.requireNonNull(input, "input");
        if (layers.isEmpty()) throw new IllegalArgumentException("a Sequential model needs at least one layer");
        Node x = input;
        for (Layer l : layers) {
            if (l.outputCount() != 1) {
                throw new IllegalArgumentException("layer " + l.name() + " has " + l.outputCount() + " outputs; Sequential needs one (use Model.functional)");
            }
            x = l.apply(x);
        }
        return Model.functional(input, x);
    }
}

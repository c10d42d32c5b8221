package dev.rnn4j.model;

import java.util.List;
import java.util.Map;

/**
 * A layer: options set before it is built (Keras names), parameters created by {@link #build} from the input
 * shapes, and a forward pass run on a {@link GradientTape} (which also records its backward).
 *
 * <p>Shapes passed to {@code build} omit the batch dimension; a time extent may be -1 (any length). Most
 * layers take one input and give one output; recurrent layers with {@code returnState(true)} give
 * [output, h] (LSTM: [output, h, c]), and Bidirectional around them [output, forward states..., backward states...];
 * attention takes [query, values] and gives [context, weights].
 *
 * <p>A layer may be called on several nodes (a shared layer): it is built for its first call and every call
 * uses the same parameters, so their gradients add up. Custom layers extend
 * {@link dev.rnn4j.model.layers.AbstractLayer} and are registered with
 * {@link dev.rnn4j.model.layers.Layers#register} so that checkpoints can re-create them.
 */
public interface Layer {

    /** Unique name inside its model, e.g. "lstm" or "dense_1"; prefix of its parameter names. */
    String name();

    /** Renames the layer (only before it is built); models use it to make names unique. */
    void setName(String name);

    /** Registry type for checkpoints, e.g. "LSTM". */
    String type();

    /** Options as JSON-friendly values (numbers, strings, booleans, lists, maps), enough to re-create the layer. */
    Map<String, Object> config();

    /** Creates the parameters for {@code inputShapes} and returns the output shapes. Called once, for the layer's first call. */
    List<long[]> build(BuildContext context, List<long[]> inputShapes);

    /**
     * The output shapes of a further call of this built layer on inputs of {@code inputShapes} (a shared layer,
     * or a layer of one model called again in another), checked against the weights it was built with. A layer
     * that cannot be called again throws {@link UnsupportedOperationException}, which this default does.
     */
    default List<long[]> outputShapes(List<long[]> inputShapes) {
        throw new UnsupportedOperationException("layer " + name() + " (" + type() + ") cannot be called again once built: it does not implement outputShapes");
    }

    boolean isBuilt();

    /** Parameters, in a stable order (empty before build). */
    List<Parameter> parameters();

    /** Number of outputs of a call (known before build). */
    default int outputCount() {
        return 1;
    }

    /** Forward pass on the tape. */
    List<Variable> call(GradientTape tape, List<Variable> inputs);

    /** Frees what the layer holds besides its parameters (RNN plans, carried state); called by {@link Model#close()}. */
    default void release() {
    }

    /** Forgets carried recurrent state (stateful layers); a no-op elsewhere. */
    default void resetStates() {
    }

    /** Functional API: this layer applied to a symbolic input. */
    default Node apply(Node input) {
        return apply(List.of(input)).getFirst();
    }

    /** Functional API: this layer applied to several symbolic inputs; one node per output. */
    default List<Node> apply(List<Node> inputs) {
        return Node.call(this, inputs);
    }
}

package dev.rnn4j.model;

import dev.rnn4j.tensor.DType;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A symbolic tensor of the functional API: either a model input ({@link Input}) or output {@code index} of one
 * call of a layer on other nodes. Nodes only describe the graph; {@link Model} runs it. A node's shape (without
 * the batch dimension) is known once a model that computes it is built.
 */
public final class Node {

    /** One application of a layer to input nodes, and the nodes of its outputs. */
    public record Call(Layer layer, List<Node> inputs, List<Node> outputs) {
    }

    private final Call call;
    private final int index;
    private final Input input;
    private long[] shape;

    private Node(Call call, int index, Input input) {
        this.call = call;
        this.index = index;
        this.input = input;
    }

    static Node ofInput(Input input) {
        return new Node(null, 0, input);
    }

    static List<Node> call(Layer layer, List<Node> inputs) {
        Objects.requireNonNull(layer, "layer");
        if (inputs == null || inputs.isEmpty()) throw new IllegalArgumentException("layer " + layer.name() + " applied to no inputs");
        for (Node n : inputs) Objects.requireNonNull(n, "input node of " + layer.name());
        List<Node> out = new ArrayList<>();
        Call c = new Call(layer, List.copyOf(inputs), java.util.Collections.unmodifiableList(out));
        for (int i = 0; i < layer.outputCount(); i++) out.add(new Node(c, i, null));
        return c.outputs();
    }

    public boolean isInput() {
        return input != null;
    }

    /** The input spec of an input node, or null. */
    public Input input() {
        return input;
    }

    /** The layer call that produces this node, or null for an input. */
    public Call producer() {
        return call;
    }

    /** Which output of its producer this node is. */
    public int index() {
        return index;
    }

    /** The shape without the batch dimension (-1: any length): the input's, or what a built model computed; null before. */
    public long[] shape() {
        if (input != null) return input.shape();
        return shape == null ? null : shape.clone();
    }

    void shape(long[] s) {
        shape = s.clone();
    }

    /** The input's dtype for input nodes, float32 otherwise. */
    public DType dtype() {
        return input != null ? input.dtype() : DType.FLOAT32;
    }

    @Override
    public String toString() {
        return input != null ? "Node(" + input + ")" : "Node(" + call.layer().name() + "[" + index + "])";
    }
}

package dev.rnn4j.model.layers;

import dev.rnn4j.backend.Activation;
import dev.rnn4j.model.GradientTape;
import dev.rnn4j.model.Variable;
import dev.rnn4j.model.ops.ElementwiseOps;

/** Keras activation names of Dense and Conv1D: linear, relu, tanh, sigmoid, softmax (over the last dimension). */
final class Activations {

    private Activations() {
    }

    /** Rejects an unknown name. */
    static void check(String name) {
        if (!name.equals("softmax")) of(name);
    }

    static Variable apply(GradientTape tape, Variable x, String name) {
        return name.equals("softmax") ? ElementwiseOps.softmax(tape, x) : ElementwiseOps.activation(tape, x, of(name));
    }

    private static Activation of(String name) {
        return switch (name) {
            case "linear", "identity", "none" -> Activation.IDENTITY;
            case "relu" -> Activation.RELU;
            case "tanh" -> Activation.TANH;
            case "sigmoid" -> Activation.SIGMOID;
            default -> throw new IllegalArgumentException("unknown activation '" + name + "' (linear, relu, tanh, sigmoid, softmax)");
        };
    }
}

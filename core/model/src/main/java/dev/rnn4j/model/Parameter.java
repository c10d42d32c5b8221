package dev.rnn4j.model;

import dev.rnn4j.tensor.Tensor;

import java.util.Objects;

/**
 * A trainable tensor of a layer: its PyTorch-style name ({@code "lstm.weight_ih_l0"}), its value and its
 * gradient (same shape, same device). Both are owned by the model's weight scope. The gradient holds what the
 * last {@link GradientTape#backward} computed; it is readable by the caller between backward and the optimizer step.
 */
public final class Parameter {

    private final String name;
    private final Tensor value;
    private final Tensor grad;
    private final boolean trainable;

    public Parameter(String name, Tensor value, Tensor grad, boolean trainable) {
        this.name = Objects.requireNonNull(name, "name");
        this.value = Objects.requireNonNull(value, "value");
        this.grad = Objects.requireNonNull(grad, "grad");
        if (!java.util.Arrays.equals(value.shape(), grad.shape())) {
            throw new IllegalArgumentException("parameter " + name + ": grad " + grad.describe() + " does not match value " + value.describe());
        }
        this.trainable = trainable;
    }

    public String name() {
        return name;
    }

    public Tensor value() {
        return value;
    }

    public Tensor grad() {
        return grad;
    }

    public boolean trainable() {
        return trainable;
    }

    public long[] shape() {
        return value.shape();
    }

    @Override
    public String toString() {
        return "Parameter(" + name + ", " + value.describe() + ")";
    }
}

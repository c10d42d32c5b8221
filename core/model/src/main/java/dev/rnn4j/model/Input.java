package dev.rnn4j.model;

import dev.rnn4j.tensor.DType;
import dev.rnn4j.tensor.Shapes;

import java.util.Objects;

/**
 * A model input: dtype and shape without the batch dimension (-1 for a time extent of any length).
 * {@link #tokens(long)} is int32 [time] token ids; {@link #floats(long...)} is float32 data.
 */
public record Input(String name, DType dtype, long[] shape) {

    public Input {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dtype, "dtype");
        if (dtype != DType.FLOAT32 && dtype != DType.INT32) throw new IllegalArgumentException("inputs are float32 or int32, got " + dtype);
        if (shape == null || shape.length == 0) throw new IllegalArgumentException("input " + name + " needs a shape");
        for (long s : shape) if (s < 1 && s != -1) throw new IllegalArgumentException("input " + name + " has bad extent in " + Shapes.toString(shape));
        shape = shape.clone();
    }

    /** Token ids, int32 [batch, timeSteps] (timeSteps may be -1). */
    public static Node tokens(long timeSteps) {
        return Node.ofInput(new Input("tokens", DType.INT32, new long[] {timeSteps}));
    }

    /** Float input of shape [batch, shape...]. */
    public static Node floats(long... shape) {
        return Node.ofInput(new Input("input", DType.FLOAT32, shape));
    }

    /** A symbolic node for this input. */
    public Node node() {
        return Node.ofInput(this);
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public String toString() {
        return name + ":" + dtype.name().toLowerCase() + Shapes.toString(shape);
    }
}

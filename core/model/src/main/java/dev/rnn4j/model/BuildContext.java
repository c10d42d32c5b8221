package dev.rnn4j.model;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.tensor.DType;
import dev.rnn4j.tensor.Shapes;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * What a layer needs to create its parameters: the backend, the model's weight scope and a seeded
 * initializer stream per layer (so the same seed gives the same weights on every backend), and a limit on the
 * number of weights that layers claim through {@link #reserve} before they compute initial values.
 */
public final class BuildContext {

    private final Backend backend;
    private final TensorScope weights;
    private final long seed;
    private final long maxParameters;
    private long parametersLeft;

    public BuildContext(Backend backend, TensorScope weights, long seed) {
        this(backend, weights, seed, Long.MAX_VALUE);
    }

    /** @param maxParameters the most weights (elements of all parameters) the layers may create together */
    public BuildContext(Backend backend, TensorScope weights, long seed, long maxParameters) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.weights = Objects.requireNonNull(weights, "weights");
        if (maxParameters < 0) throw new IllegalArgumentException("maxParameters must be >= 0, got " + maxParameters);
        this.seed = seed;
        this.maxParameters = maxParameters;
        this.parametersLeft = maxParameters;
    }

    /**
     * Claims room for parameter {@code name} of {@code shape}, before anything of that size is computed or
     * allocated: a shape whose element count overflows, or one that takes the model past its limit of weights,
     * is an IllegalArgumentException.
     */
    public void reserve(String name, long... shape) {
        long n = Shapes.elementCount(shape);
        if (n > parametersLeft) {
            throw new IllegalArgumentException("parameter " + name + " " + Shapes.toString(shape) + " takes the model past its limit of "
                    + maxParameters + " weights");
        }
        parametersLeft -= n;
    }

    public Backend backend() {
        return backend;
    }

    public TensorScope weights() {
        return weights;
    }

    /** A random stream that depends only on the model seed and {@code key} (a layer's name). */
    public SplittableRandom random(String key) {
        return new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (key.hashCode() + 1L)));
    }

    /** A zero tensor on the device that lives as long as the model. */
    public Tensor allocate(long... shape) {
        return backend.allocate(weights, DType.FLOAT32, shape);
    }

    /** A parameter named {@code name} with host values {@code init} (row-major) copied to the device. */
    public Parameter parameter(String name, float[] init, long... shape) {
        Tensor value = allocate(shape);
        upload(init, value);
        return new Parameter(name, value, allocate(shape), true);
    }

    /** Copies host values into a device tensor. */
    public void upload(float[] values, Tensor target) {
        try (TensorScope host = TensorScope.open()) {
            backend.copy(host.fromArray(values, target.shape()), target);
        }
    }
}

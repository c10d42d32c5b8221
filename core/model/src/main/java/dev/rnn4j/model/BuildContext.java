package dev.rnn4j.model;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.tensor.DType;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * What a layer needs to create its parameters: the backend, the model's weight scope and a seeded
 * initializer stream per layer (so the same seed gives the same weights on every backend).
 */
public final class BuildContext {

    private final Backend backend;
    private final TensorScope weights;
    private final long seed;

    public BuildContext(Backend backend, TensorScope weights, long seed) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.weights = Objects.requireNonNull(weights, "weights");
        this.seed = seed;
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

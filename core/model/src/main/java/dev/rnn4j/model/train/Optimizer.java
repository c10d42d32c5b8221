package dev.rnn4j.model.train;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.model.Parameter;
import dev.rnn4j.tensor.Tensor;

import java.util.List;
import java.util.Map;

/**
 * Updates parameters from their gradients (PyTorch update rules through the backend's OptimizerOps), after
 * optional clipping: {@code clipValue} clamps every gradient element, {@code clipNorm} rescales each parameter's
 * gradient to at most that L2 norm (Keras' clipnorm), {@code globalClipNorm} rescales all of them together
 * (PyTorch's clip_grad_norm_). Factories: {@link Optimizers}.
 */
public interface Optimizer extends AutoCloseable {

    /** One update of every trainable parameter in {@code parameters} from its current gradient. */
    void step(Backend backend, List<Parameter> parameters);

    /** Updates done so far. */
    long iterations();

    /** The learning rate the next step will use. */
    float learningRate();

    Map<String, Object> config();

    /** Slot tensors by name ("lstm.weight_ih_l0.m", ...), for checkpoints. */
    Map<String, Tensor> state();

    /** Restores slots and the iteration count saved from {@link #state()} (host or device tensors). */
    void loadState(Backend backend, List<Parameter> parameters, Map<String, Tensor> state, long iterations);

    @Override
    void close();
}

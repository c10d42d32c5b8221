package dev.rnn4j.model;

import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recurrent state carried from one forward pass to the next, per layer: h (and c for LSTM) of the last step.
 * Stateful layers keep one of their own; a {@link dev.rnn4j.model.generate.TextGenerator} keeps one per
 * generation so that it feeds one token at a time. The tensors live in this object's scope.
 */
public final class RecurrentStates implements AutoCloseable {

    private final TensorScope scope = TensorScope.open();
    private final Map<Object, List<Tensor>> byOwner = new IdentityHashMap<>();

    /** An empty set of states with a scope of its own. */
    public RecurrentStates() {
    }

    /** The state stored for {@code owner}, or null. */
    public List<Tensor> get(Object owner) {
        return byOwner.get(owner);
    }

    /** Stores {@code state} for {@code owner}; the tensors must have been allocated in {@link #scope()}. */
    public void put(Object owner, List<Tensor> state) {
        byOwner.put(owner, List.copyOf(state));
    }

    public TensorScope scope() {
        return scope;
    }

    /** Forgets every state (the next pass starts from zeros). Memory is kept until {@link #close()}. */
    public void reset() {
        byOwner.clear();
    }

    @Override
    public void close() {
        byOwner.clear();
        scope.close();
    }
}

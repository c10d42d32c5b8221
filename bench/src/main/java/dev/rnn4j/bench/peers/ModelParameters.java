package dev.rnn4j.bench.peers;

import dev.rnn4j.model.GradientTape;
import dev.rnn4j.model.Model;
import dev.rnn4j.model.Parameter;
import dev.rnn4j.model.Variable;
import dev.rnn4j.model.ops.HostData;
import dev.rnn4j.model.train.Dataset;
import dev.rnn4j.model.train.Losses;
import dev.rnn4j.tensor.TensorScope;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model's parameters by their names (PyTorch's, "layer.weight_ih_l0"): set from arrays, gradients read back; and the
 * training step on a fresh tape, the model-layer cases' "before" side.
 */
final class ModelParameters {

    private ModelParameters() {
    }

    /** Copies each named array into the parameter of that name; every parameter must be given. */
    static void set(Model model, Map<String, float[]> values) {
        try (TensorScope host = TensorScope.open()) {
            for (Parameter p : model.parameters()) {
                float[] v = values.get(p.name());
                if (v == null) throw new IllegalArgumentException("no values for parameter " + p.name() + "; given: " + values.keySet());
                model.backend().copy(host.fromArray(v, p.shape()), p.value());
            }
        }
    }

    /** Every parameter's gradient (as the last backward left it), by name. */
    static Map<String, float[]> gradients(Model model) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Parameter p : model.parameters()) out.put(p.name(), HostData.floats(model.backend(), p.grad()));
        return out;
    }

    /** The canonical weight space's PyTorch tensors under {@code layer}'s names ("layer.weight_ih_l0", ...). */
    static Map<String, float[]> prefixed(String layer, Map<String, float[]> tensors) {
        Map<String, float[]> out = new LinkedHashMap<>();
        tensors.forEach((name, v) -> out.put(layer + "." + name, v));
        return out;
    }

    /** The arrays one after the other. */
    static float[] concat(float[]... parts) {
        int n = 0;
        for (float[] p : parts) n += p.length;
        float[] out = new float[n];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /**
     * One training step of a compiled model on all of {@code data} (one batch) by hand, on a tape opened without the
     * model ({@link GradientTape#open(dev.rnn4j.backend.Backend, boolean, long)}): every buffer of the pass, the RNN's
     * work and reserve spaces included, is allocated and zero-filled for the step and freed after it, as
     * {@code Model.fit} did before the model had step memory. The model's loss is sparse categorical cross-entropy
     * from logits. Returns the loss.
     */
    static float freshTapeStep(Model model, Dataset data) {
        int[] rows = java.util.stream.IntStream.range(0, data.size()).toArray();
        try (TensorScope batchScope = TensorScope.open(); GradientTape tape = GradientTape.open(model.backend(), true, 1)) {
            Dataset.Batch batch = data.batch(batchScope, rows);
            Variable loss = Losses.sparseCategoricalCrossentropy(true).compute(tape, model.call(tape, tape.constant(batch.x())), tape.constant(batch.y()));
            float value = Losses.value(tape, loss);
            tape.backward(loss);
            model.trainer().optimizer().step(model.backend(), model.parameters());
            return value;
        }
    }
}

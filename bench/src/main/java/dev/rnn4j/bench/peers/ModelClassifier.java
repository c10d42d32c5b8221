package dev.rnn4j.bench.peers;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.model.GradientTape;
import dev.rnn4j.model.Input;
import dev.rnn4j.model.Model;
import dev.rnn4j.model.Sequential;
import dev.rnn4j.model.Variable;
import dev.rnn4j.model.layers.Layers;
import dev.rnn4j.model.train.Dataset;
import dev.rnn4j.model.train.FitOptions;
import dev.rnn4j.model.train.Losses;
import dev.rnn4j.model.train.Optimizers;
import dev.rnn4j.rnn.PyTorchRnnWeights;
import dev.rnn4j.tensor.TensorScope;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The classifier of {@link ClassifierProblem} as users build and train it: a {@link Model} of
 * Embedding(mask_zero) → Bidirectional(LSTM) (concat of the two last states) → Dense, compiled with Adam and
 * sparse categorical cross-entropy from logits, one {@link Model#fit} step per call on the problem's padded batch
 * (the mask comes from the zeros, as in Keras).
 */
public final class ModelClassifier implements AutoCloseable {

    private final ClassifierProblem problem;
    private final Model model;
    private final TensorScope host = TensorScope.open();
    private final Dataset data;
    private final FitOptions oneStep;

    public ModelClassifier(Backend backend, ClassifierProblem problem) {
        this.problem = problem;
        this.model = Sequential.of(Input.tokens(problem.maxLength()), Layers.embedding(problem.vocab(), problem.embed()).maskZero(true),
                Layers.bidirectional(Layers.lstm(problem.hidden()), "concat"), Layers.dense(problem.classes())).build(backend, 0);
        Map<String, float[]> weights = new LinkedHashMap<>();
        weights.put("embedding.weight", problem.table());
        directions(PyTorchRnnWeights.toPyTorch(problem.rnn(), problem.rnnWeights())).forEach(weights::put);
        weights.put("dense.weight", problem.denseWeight());
        weights.put("dense.bias", problem.denseBias());
        ModelParameters.set(model, weights);
        model.compile(Optimizers.adam(problem.learningRate(), CharLmProblem.BETA1, CharLmProblem.BETA2, CharLmProblem.EPS),
                Losses.sparseCategoricalCrossentropy(true));
        this.data = Dataset.of(host.fromIntArray(problem.ids(), problem.batch(), problem.maxLength()), host.fromIntArray(problem.labels(), problem.batch()));
        this.oneStep = FitOptions.defaults().epochs(1).batchSize(problem.batch()).shuffle(false).verbose(false);
    }

    /** One training step through {@link Model#fit}; returns its loss (before the update). */
    public float step() {
        return model.fit(data, oneStep).last().get("loss").floatValue();
    }

    /** The same step on a fresh tape ({@link ModelParameters#freshTapeStep}: the model layer before its step memory). */
    public float freshTapeStep() {
        return ModelParameters.freshTapeStep(model, data);
    }

    /**
     * The loss and the gradient of every parameter at the current weights (one forward and backward on a tape, no
     * update), in {@link ClassifierReference}'s order: the table, the canonical bidirectional weight space, the dense
     * weight and bias.
     */
    float[] lossAndGradient() {
        float loss;
        Dataset.Batch batch = data.batch(host, rows());
        try (GradientTape tape = model.tape(true)) {
            Variable logits = model.call(tape, tape.constant(batch.x()));
            Variable l = Losses.sparseCategoricalCrossentropy(true).compute(tape, logits, tape.constant(batch.y()));
            loss = Losses.value(tape, l);
            tape.backward(l);
        }
        Map<String, float[]> g = ModelParameters.gradients(model);
        Map<String, float[]> lstm = new HashMap<>();
        g.forEach((name, v) -> {
            if (name.startsWith("bidirectional_forward.")) lstm.put(name.substring("bidirectional_forward.".length()), v);
            if (name.startsWith("bidirectional_backward.")) lstm.put(name.substring("bidirectional_backward.".length()) + "_reverse", v);
        });
        return ModelParameters.concat(new float[] {loss}, g.get("embedding.weight"), PyTorchRnnWeights.fromPyTorch(problem.rnn(), lstm), g.get("dense.weight"),
                g.get("dense.bias"));
    }

    private int[] rows() {
        int[] rows = new int[problem.batch()];
        for (int i = 0; i < rows.length; i++) rows[i] = i;
        return rows;
    }

    /** PyTorch's bidirectional names ("weight_ih_l0", "weight_ih_l0_reverse") as the two layers' parameter names. */
    private static Map<String, float[]> directions(Map<String, float[]> tensors) {
        Map<String, float[]> out = new LinkedHashMap<>();
        tensors.forEach((name, v) -> out.put(name.endsWith("_reverse")
                ? "bidirectional_backward." + name.substring(0, name.length() - "_reverse".length())
                : "bidirectional_forward." + name, v));
        return out;
    }

    @Override
    public void close() {
        model.close();
        host.close();
    }
}

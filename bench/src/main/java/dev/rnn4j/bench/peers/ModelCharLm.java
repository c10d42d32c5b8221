package dev.rnn4j.bench.peers;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.model.Input;
import dev.rnn4j.model.Model;
import dev.rnn4j.model.Sequential;
import dev.rnn4j.model.layers.Layers;
import dev.rnn4j.model.train.Dataset;
import dev.rnn4j.model.train.FitOptions;
import dev.rnn4j.model.train.Losses;
import dev.rnn4j.model.train.Optimizers;
import dev.rnn4j.rnn.PyTorchRnnWeights;
import dev.rnn4j.tensor.TensorScope;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The char-LM training step as users run it: a {@link Model} (Embedding → LSTM(returnSequences) → Dense)
 * compiled with Adam and sparse categorical cross-entropy from logits, one {@link Model#fit} step per call on a
 * {@link Dataset} of the problem's batch (batch-major token ids, assembled by fit as it does for every batch).
 * The same weights, batch and Adam settings as {@link Rnn4jCharLm}, which drives the backend SPI by hand.
 */
public final class ModelCharLm implements AutoCloseable {

    private final Model model;
    private final TensorScope host = TensorScope.open();
    private final Dataset data;
    private final FitOptions oneStep;

    public ModelCharLm(Backend backend, CharLmProblem problem) {
        int t = problem.seqLength();
        int b = problem.batch();
        this.model = Sequential.of(Input.tokens(t), Layers.embedding(problem.vocab(), problem.embed()),
                Layers.lstm(problem.hidden()).returnSequences(true), Layers.dense(problem.vocab())).build(backend, 0);
        Map<String, float[]> lstm = PyTorchRnnWeights.toPyTorch(problem.rnn(), problem.rnnWeights());
        Map<String, float[]> weights = new LinkedHashMap<>(ModelParameters.prefixed("lstm", lstm));
        weights.put("embedding.weight", problem.table());
        weights.put("dense.weight", problem.denseWeight());
        weights.put("dense.bias", problem.denseBias());
        ModelParameters.set(model, weights);
        model.compile(Optimizers.adam(problem.learningRate(), CharLmProblem.BETA1, CharLmProblem.BETA2, CharLmProblem.EPS),
                Losses.sparseCategoricalCrossentropy(true));
        this.data = Dataset.of(host.fromIntArray(batchMajor(problem.ids(), t, b)), host.fromIntArray(batchMajor(problem.labels(), t, b)));
        this.oneStep = FitOptions.defaults().epochs(1).batchSize(b).shuffle(false).verbose(false);
    }

    /** One training step through {@link Model#fit}; returns its loss (before the update). */
    public float step() {
        return model.fit(data, oneStep).last().get("loss").floatValue();
    }

    /** The same step on a fresh tape ({@link ModelParameters#freshTapeStep}: the model layer before its step memory). */
    public float freshTapeStep() {
        return ModelParameters.freshTapeStep(model, data);
    }

    /** Sequence-major [T, B] ids as batch-major rows [B][T]. */
    static int[][] batchMajor(int[] seqMajor, int t, int b) {
        int[][] rows = new int[b][t];
        for (int s = 0; s < t; s++) {
            for (int i = 0; i < b; i++) rows[i][s] = seqMajor[s * b + i];
        }
        return rows;
    }

    @Override
    public void close() {
        model.close();
        host.close();
    }
}

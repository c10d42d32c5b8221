package dev.rnn4j.bench.soak;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.model.Input;
import dev.rnn4j.model.Model;
import dev.rnn4j.model.Sequential;
import dev.rnn4j.model.layers.Layers;
import dev.rnn4j.model.train.Losses;
import dev.rnn4j.model.train.Optimizers;
import dev.rnn4j.model.train.Trainer;
import dev.rnn4j.tensor.TensorScope;
import java.util.SplittableRandom;

/**
 * The soak's workload: a next-token model compiled with Adam and sparse softmax cross-entropy on logits,
 * stepped the way the CLI's training loop steps it: each batch's host tensors in their own
 * {@link TensorScope}, one {@link Trainer#trainStep} on them. The batches are random tokens whose target is
 * a fixed function of the input token ({@code (3·x + 1) mod vocab}), so the loss falls and the work is real.
 */
public final class SoakTraining implements AutoCloseable {

    private final SoakShape shape;
    private final Model model;
    private final Trainer trainer;
    private final SplittableRandom random;

    public SoakTraining(Backend backend, SoakShape shape, float learningRate, long seed) {
        this.shape = shape;
        this.model = Sequential.of(Input.tokens(-1),
                Layers.embedding(shape.vocab(), shape.embedding()),
                Layers.lstm(shape.units()).returnSequences(true),
                Layers.dense(shape.vocab()));
        model.build(backend, seed);
        model.compile(Optimizers.adam(learningRate), Losses.sparseCategoricalCrossentropy(true));
        this.trainer = model.trainer();
        this.random = new SplittableRandom(seed);
    }

    public long parameterCount() {
        return model.parameterCount();
    }

    /** One training step on a fresh random batch; returns its loss. */
    public float step() {
        int n = shape.tokens();
        int[] x = new int[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextInt(shape.vocab());
            y[i] = (3 * x[i] + 1) % shape.vocab();
        }
        try (TensorScope batch = TensorScope.open()) {
            return trainer.trainStep(batch.fromIntArray(x, shape.batch(), shape.seqLength()),
                    batch.fromIntArray(y, shape.batch(), shape.seqLength())).loss();
        }
    }

    @Override
    public void close() {
        model.close();
    }
}

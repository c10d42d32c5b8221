package dev.rnn4j.cli;

import dev.rnn4j.model.Input;
import dev.rnn4j.model.Model;
import dev.rnn4j.model.Sequential;
import dev.rnn4j.model.layers.Layers;
import dev.rnn4j.model.layers.Recurrent;
import dev.rnn4j.model.train.Losses;
import dev.rnn4j.model.train.Metrics;
import dev.rnn4j.model.train.Optimizer;
import dev.rnn4j.model.train.Optimizers;

/** The two model shapes the CLI trains, built from the command-line options and compiled. */
final class Models {

    private Models() {
    }

    /** Embedding → recurrent (all steps) → Dense(vocab) logits: a next-token model. */
    static Model languageModel(int vocab, ModelOptions m, TrainOptions t, dev.rnn4j.backend.Backend backend) {
        requirePositive(m);
        Model model = Sequential.of(Input.tokens(-1),
                Layers.embedding(vocab, m.embeddingDim),
                recurrent(m).returnSequences(true),
                Layers.dense(vocab));
        model.build(backend, t.seed);
        model.compile(optimizer(t), Losses.sparseCategoricalCrossentropy(true));
        return model;
    }

    /** Embedding (id 0 = padding, masked) → recurrent (last step) → Dense(classes) logits. */
    static Model classifier(int vocab, int classes, ModelOptions m, TrainOptions t, dev.rnn4j.backend.Backend backend) {
        requirePositive(m);
        Model model = Sequential.of(Input.tokens(-1),
                Layers.embedding(vocab, m.embeddingDim).maskZero(true),
                recurrent(m),
                Layers.dense(classes));
        model.build(backend, t.seed);
        model.compile(optimizer(t), Losses.sparseCategoricalCrossentropy(true), Metrics.accuracy());
        return model;
    }

    /**
     * Compiles a loaded model for more training with the command's optimizer options and the loss its outputs call
     * for (cross-entropy from logits or from probabilities; binary cross-entropy after a sigmoid).
     */
    static void compileForFineTuning(Model model, TrainOptions t, CheckpointExtras.Outputs outputs) {
        switch (outputs) {
            case LOGITS -> model.compile(optimizer(t), Losses.sparseCategoricalCrossentropy(true), Metrics.accuracy());
            case PROBABILITIES -> model.compile(optimizer(t), Losses.sparseCategoricalCrossentropy(false), Metrics.accuracy());
            case SIGMOID -> model.compile(optimizer(t), Losses.binaryCrossentropy(false));
        }
    }

    private static Recurrent recurrent(ModelOptions m) {
        return switch (m.cell) {
            case "lstm" -> Layers.lstm(m.units);
            case "gru" -> Layers.gru(m.units);
            case "simple_rnn" -> Layers.simpleRnn(m.units, "tanh");
            default -> throw new IllegalArgumentException("--cell must be lstm, gru or simple_rnn, got '" + m.cell + "'");
        };
    }

    private static Optimizer optimizer(TrainOptions t) {
        if (!(t.learningRate > 0)) throw new IllegalArgumentException("--learning-rate must be > 0, got " + t.learningRate);
        if (!(t.clipnorm >= 0)) throw new IllegalArgumentException("--clipnorm must be >= 0, got " + t.clipnorm);
        Optimizers.Base o = switch (t.optimizer) {
            case "adam" -> Optimizers.adam(t.learningRate);
            case "rmsprop" -> Optimizers.rmsprop(t.learningRate);
            case "sgd" -> Optimizers.sgd(t.learningRate);
            default -> throw new IllegalArgumentException("--optimizer must be adam, rmsprop or sgd, got '" + t.optimizer + "'");
        };
        return t.clipnorm > 0 ? o.clipNorm(t.clipnorm) : o;
    }

    private static void requirePositive(ModelOptions m) {
        if (m.embeddingDim < 1) throw new IllegalArgumentException("--embedding-dim must be >= 1, got " + m.embeddingDim);
        if (m.units < 1) throw new IllegalArgumentException("--units must be >= 1, got " + m.units);
    }
}

package dev.rnn4j.cli;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.model.Input;
import dev.rnn4j.model.Layer;
import dev.rnn4j.model.Model;
import dev.rnn4j.model.Sequential;
import dev.rnn4j.model.layers.Layers;
import dev.rnn4j.model.layers.Recurrent;
import dev.rnn4j.model.train.Losses;
import dev.rnn4j.model.train.Metric;
import dev.rnn4j.model.train.Metrics;
import dev.rnn4j.model.train.Optimizer;
import dev.rnn4j.model.train.Optimizers;
import java.util.ArrayList;
import java.util.List;

/** The two model shapes the CLI trains, built from the command-line options, and their compilation. */
final class Models {

    private Models() {
    }

    /**
     * Embedding → [Dropout] → (recurrent, all steps → [Dropout]) × layers → Dense(vocab) logits: a next-token
     * model. Not bidirectional: a language model may only look back.
     */
    static Model languageModel(int vocab, ModelOptions m, Backend backend, long seed) {
        if (m.bidirectional != null) throw new IllegalArgumentException("--bidirectional is for classifiers: a language model predicts the next token from the past only");
        List<Layer> layers = new ArrayList<>();
        layers.add(Layers.embedding(vocab, m.embeddingDim));
        addRecurrentStack(layers, m, true);
        layers.add(Layers.dense(vocab));
        return Sequential.of(Input.tokens(-1), layers).build(backend, seed);
    }

    /** Embedding (id 0 = padding, masked) → [Dropout] → recurrent layers (the last returns its last step) → Dense(classes) logits. */
    static Model classifier(int vocab, int classes, ModelOptions m, Backend backend, long seed) {
        List<Layer> layers = new ArrayList<>();
        layers.add(Layers.embedding(vocab, m.embeddingDim).maskZero(true));
        addRecurrentStack(layers, m, false);
        layers.add(Layers.dense(classes));
        return Sequential.of(Input.tokens(-1), layers).build(backend, seed);
    }

    /** Compiles with the optimizer, sparse categorical cross-entropy on logits, and accuracy for classifiers. */
    static void compile(Model model, TrainOptions t, float learningRate, boolean classifier) {
        Metric[] metrics = classifier ? new Metric[] {Metrics.accuracy()} : new Metric[0];
        model.compile(optimizer(t, learningRate), Losses.sparseCategoricalCrossentropy(true), metrics);
    }

    private static void addRecurrentStack(List<Layer> layers, ModelOptions m, boolean allSteps) {
        if (m.dropout > 0) layers.add(Layers.dropout(m.dropout));
        for (int i = 0; i < m.layers; i++) {
            Recurrent r = recurrent(m).returnSequences(allSteps || i < m.layers - 1).recurrentDropout(m.recurrentDropout);
            layers.add(m.bidirectional != null ? Layers.bidirectional(r, m.bidirectional) : r);
            if (m.dropout > 0) layers.add(Layers.dropout(m.dropout));
        }
    }

    /**
     * Compiles a loaded model for more training with the command's optimizer options and the loss its outputs call
     * for (cross-entropy from logits or from probabilities; binary cross-entropy after a sigmoid).
     */
    static void compileForFineTuning(Model model, TrainOptions t, float learningRate, CheckpointExtras.Outputs outputs) {
        switch (outputs) {
            case LOGITS -> model.compile(optimizer(t, learningRate), Losses.sparseCategoricalCrossentropy(true), Metrics.accuracy());
            case PROBABILITIES -> model.compile(optimizer(t, learningRate), Losses.sparseCategoricalCrossentropy(false), Metrics.accuracy());
            case SIGMOID -> model.compile(optimizer(t, learningRate), Losses.binaryCrossentropy(false));
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

    private static Optimizer optimizer(TrainOptions t, float learningRate) {
        Optimizers.Base o = switch (t.optimizer) {
            case "adam" -> Optimizers.adam(learningRate);
            case "rmsprop" -> Optimizers.rmsprop(learningRate);
            case "sgd" -> Optimizers.sgd(learningRate);
            default -> throw new IllegalArgumentException("--optimizer must be adam, rmsprop or sgd, got '" + t.optimizer + "'");
        };
        return t.clipnorm > 0 ? o.clipNorm(t.clipnorm) : o;
    }
}

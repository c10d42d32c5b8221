package dev.rnn4j.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Training hyperparameters shared by {@code demo} and {@code train}. Options with a Keras name have Keras'
 * default (batch 32, no clipnorm, no validation split... except where the command says otherwise); the
 * learning rate is declared by each command, whose defaults differ.
 */
final class TrainOptions {

    @Option(names = "--epochs", converter = NumberRanges.PositiveInt.class,
            description = "Passes over the training data (Keras' epochs; training may end earlier on --seconds or --steps). Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--batch-size", converter = NumberRanges.PositiveInt.class, description = "Examples per training step (Keras' batch_size). Default: ${DEFAULT-VALUE}.")
    int batchSize = 32;

    @Option(names = "--optimizer", converter = Choices.Optimizer.class, completionCandidates = Choices.Optimizer.class,
            description = "${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    String optimizer = "adam";

    @Option(names = "--clipnorm", converter = NumberRanges.NonNegativeFloat.class,
            description = "Clip each gradient to this L2 norm (Keras' clipnorm; 0: no clipping, as Keras' None). Default: ${DEFAULT-VALUE}.")
    float clipnorm;

    @Option(names = "--validation-split", converter = NumberRanges.Fraction.class,
            description = "Fraction of the examples held out to report validation figures after every epoch. Default: ${DEFAULT-VALUE}"
                    + " (Keras' default is 0; rnn4j holds out a little so that every run says how well it generalizes).")
    double validationSplit = 0.05;

    @Option(names = "--seconds", converter = NumberRanges.NonNegativeDouble.class,
            description = "Time budget of this run: training ends after the step during which it runs out (0: no budget). Default: ${DEFAULT-VALUE}.")
    double seconds;

    @Option(names = "--steps", converter = NumberRanges.NonNegativeLong.class,
            description = "End training after this many optimizer steps in all, counting those before a --resume (0: no limit). Default: ${DEFAULT-VALUE}.")
    long steps;

    @Option(names = "--seed", description = "Seed for weights, shuffling, dropout and sampling. Default: ${DEFAULT-VALUE}.")
    long seed = 42;

    @Mixin
    BackendOption backend = new BackendOption();

    @Option(names = "--quiet", description = "No progress bar (the epoch lines and the summary are still printed).")
    boolean quiet;

    TrainOptions() {
        this(1, 600);
    }

    TrainOptions(int epochs, double seconds) {
        this.epochs = epochs;
        this.seconds = seconds;
    }

    /** Keras' default learning rate of an optimizer: 0.001 for Adam and RMSprop, 0.01 for SGD. */
    static float kerasLearningRate(String optimizer) {
        return "sgd".equals(optimizer) ? 0.01f : 0.001f;
    }
}

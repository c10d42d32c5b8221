package dev.rnn4j.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Keras-named training hyperparameters shared by {@code demo} and {@code train}. */
final class TrainOptions {

    @Option(names = "--epochs", description = "Passes over the data (training may stop earlier on --seconds). Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--batch-size", description = "Examples per training step. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--learning-rate", description = "Optimizer learning rate. Default: ${DEFAULT-VALUE}.")
    float learningRate;

    @Option(names = "--optimizer", description = "adam, rmsprop or sgd. Default: ${DEFAULT-VALUE}.")
    String optimizer = "adam";

    @Option(names = "--clipnorm", description = "Clip each gradient to this L2 norm (0: no clipping). Default: ${DEFAULT-VALUE}.")
    float clipnorm = 1f;

    @Option(names = "--seconds", description = "Time budget for training; stops early when spent. Default: ${DEFAULT-VALUE}.")
    double seconds;

    @Option(names = "--seed", description = "Seed for weights, shuffling and sampling. Default: ${DEFAULT-VALUE}.")
    long seed = 42;

    @Mixin
    BackendOption backend = new BackendOption();

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    TrainOptions() {
        this(5, 64, 2e-3f, 600);
    }

    TrainOptions(int epochs, int batchSize, float learningRate, double seconds) {
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.learningRate = learningRate;
        this.seconds = seconds;
    }
}

package dev.rnn4j.cli;

import picocli.CommandLine.Option;

/** Keras-named model hyperparameters shared by {@code demo} and {@code train}. */
final class ModelOptions {

    @Option(names = "--embedding-dim", description = "Embedding output_dim. Default: ${DEFAULT-VALUE}.")
    int embeddingDim;

    @Option(names = "--units", description = "Recurrent units. Default: ${DEFAULT-VALUE}.")
    int units;

    @Option(names = "--cell", description = "lstm, gru or simple_rnn. Default: ${DEFAULT-VALUE}.")
    String cell = "lstm";

    ModelOptions() {
        this(64, 256);
    }

    ModelOptions(int embeddingDim, int units) {
        this.embeddingDim = embeddingDim;
        this.units = units;
    }
}

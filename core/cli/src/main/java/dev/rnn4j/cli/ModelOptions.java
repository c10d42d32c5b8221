package dev.rnn4j.cli;

import picocli.CommandLine.Option;

/** The model's shape, shared by {@code demo} and {@code train}: Embedding, recurrent layers, Dense. */
final class ModelOptions {

    @Option(names = "--embedding-dim", converter = NumberRanges.PositiveInt.class, description = "Embedding output_dim. Default: ${DEFAULT-VALUE}.")
    int embeddingDim;

    @Option(names = "--units", converter = NumberRanges.PositiveInt.class, description = "Units of each recurrent layer. Default: ${DEFAULT-VALUE}.")
    int units;

    @Option(names = "--cell", converter = Choices.Cell.class, completionCandidates = Choices.Cell.class,
            description = "Recurrent layer: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    String cell = "lstm";

    @Option(names = "--layers", converter = NumberRanges.PositiveInt.class, description = "Stacked recurrent layers. Default: ${DEFAULT-VALUE}.")
    int layers = 1;

    @Option(names = "--bidirectional", arity = "0..1", fallbackValue = "concat", paramLabel = "MERGE",
            converter = Choices.Merge.class, completionCandidates = Choices.Merge.class,
            description = "Classifiers: wrap each recurrent layer in Bidirectional, merging the two directions by"
                    + " ${COMPLETION-CANDIDATES} (Keras' merge_mode; default concat when the option is given alone).")
    String bidirectional;

    @Option(names = "--dropout", converter = NumberRanges.Rate.class,
            description = "Rate of a Dropout layer after the embedding and after each recurrent layer (0: none). Default: ${DEFAULT-VALUE}.")
    float dropout;

    @Option(names = "--recurrent-dropout", converter = NumberRanges.Rate.class,
            description = "Keras' recurrent_dropout: the rate of one mask per sequence on each recurrent layer's state,"
                    + " reused at every step (0: none; above 0 training takes the step-by-step path). Default: ${DEFAULT-VALUE}.")
    float recurrentDropout;

    ModelOptions() {
        this(64, 256);
    }

    ModelOptions(int embeddingDim, int units) {
        this.embeddingDim = embeddingDim;
        this.units = units;
    }

    /** e.g. "embedding 64, 2 x lstm 256 (bidirectional, concat), dropout 0.2, recurrent dropout 0.1". */
    String describe() {
        String stack = (layers > 1 ? layers + " x " : "") + cell + " " + units + (bidirectional != null ? " (bidirectional, " + bidirectional + ")" : "");
        return "embedding " + embeddingDim + ", " + stack + (dropout > 0 ? ", dropout " + dropout : "")
                + (recurrentDropout > 0 ? ", recurrent dropout " + recurrentDropout : "");
    }
}

package dev.rnn4j.cli;

import dev.rnn4j.backend.Backend;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --model FILE} (an rnn4j checkpoint or a Keras .keras/.h5 model) and, for Keras models, its tokenizer and labels. */
final class CheckpointOption {

    @Option(names = "--model", required = true, description = "Model: an rnn4j checkpoint (.safetensors), or a Keras model (.keras or legacy .h5).")
    Path modelFile;

    @Option(names = "--tokenizer", description = "Keras models: the tokenizer, a Keras Tokenizer.to_json() file or a TextVectorization vocabulary (one token per line).")
    Path tokenizer;

    @Option(names = "--labels", split = ",", description = "Keras classifiers: class names in output order, comma-separated. Default: 0, 1, ...")
    List<String> labels;

    /** The model on {@code backend}; it must be one for {@code task} (see {@link Checkpoints#open}). */
    Checkpoints.Opened open(Backend backend, String task, PrintWriter notes) throws IOException {
        return Checkpoints.open(modelFile, backend, task, tokenizer, labels, notes);
    }
}

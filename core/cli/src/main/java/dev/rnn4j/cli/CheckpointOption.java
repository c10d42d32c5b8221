package dev.rnn4j.cli;

import dev.rnn4j.backend.Backend;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --model FILE}: the checkpoint that {@code sample} and {@code classify} open. */
final class CheckpointOption {

    @Option(names = "--model", required = true, description = "Checkpoint (.safetensors).")
    Path modelFile;

    /** The checkpoint on {@code backend}; it must have been written for {@code task} (see {@link Checkpoints#open}). */
    Checkpoints.Opened open(Backend backend, String task) throws IOException {
        return Checkpoints.open(modelFile, backend, task);
    }
}

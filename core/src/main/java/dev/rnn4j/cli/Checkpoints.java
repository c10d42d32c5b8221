package dev.rnn4j.cli;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.model.io.Checkpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loading a checkpoint with a clear error for a missing file. */
final class Checkpoints {

    private Checkpoints() {
    }

    static Checkpoint.Loaded load(Path file, Backend backend) throws IOException {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("checkpoint not found: " + file);
        return Checkpoint.load(file, backend);
    }
}

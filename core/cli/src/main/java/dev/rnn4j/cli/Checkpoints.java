package dev.rnn4j.cli;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.model.Model;
import dev.rnn4j.model.io.Checkpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens a checkpoint written by the CLI for one task, with clear errors for a missing file or the wrong task. */
final class Checkpoints {

    private Checkpoints() {
    }

    /** The loaded model (closed with this) and the CLI's extras. */
    record Opened(Model model, CheckpointExtras extras) implements AutoCloseable {
        @Override
        public void close() {
            model.close();
        }
    }

    /** @param task {@link CheckpointExtras#LANGUAGE_MODEL} or {@link CheckpointExtras#CLASSIFIER} */
    static Opened open(Path file, Backend backend, String task) throws IOException {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("checkpoint not found: " + file);
        Checkpoint.Loaded loaded = Checkpoint.load(file, backend);
        try {
            CheckpointExtras extras = CheckpointExtras.read(loaded.extras(), file.toString());
            if (!task.equals(extras.task())) {
                String command = CheckpointExtras.CLASSIFIER.equals(extras.task()) ? "classify" : "sample";
                throw new IllegalArgumentException(file + " is a " + extras.task() + "; use 'rnn4j " + command + "' with it");
            }
            return new Opened(loaded.model(), extras);
        } catch (RuntimeException e) {
            loaded.model().close();
            throw e;
        }
    }
}

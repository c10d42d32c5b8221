package dev.rnn4j.cli;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.model.Model;
import dev.rnn4j.model.io.Checkpoint;
import dev.rnn4j.model.train.Metric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --resume FILE}: the training run a checkpoint written by {@code rnn4j train} holds, to continue it. */
final class ResumeOption {

    @Option(names = "--resume", paramLabel = "FILE",
            description = "Continue the run saved in FILE (by 'rnn4j train': at its end, on Ctrl-C or when a limit ended it) where it"
                    + " stopped: weights, optimizer state, step count, position in the data, random streams. Give the same data;"
                    + " options left out take the run's values.")
    Path file;

    boolean given() {
        return file != null;
    }

    /** What {@link #load} returns: the compiled model (closed with this), the CLI's extras and the run. */
    record Resumed(Model model, CheckpointExtras extras, TrainingRun run) implements AutoCloseable {
        @Override
        public void close() {
            model.close();
        }
    }

    /** Loads the run; it must be a {@code task} run written by {@code rnn4j train} with its optimizer state. */
    Resumed load(Backend backend, String task, Metric... metrics) throws IOException {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("checkpoint to resume not found: " + file);
        Checkpoint.Loaded loaded = Checkpoint.load(file, backend, metrics);
        try {
            if (loaded.model().trainer() == null) throw new IllegalArgumentException(file + " has no optimizer state to resume from");
            CheckpointExtras extras = CheckpointExtras.read(loaded.extras(), file.toString());
            if (!task.equals(extras.task())) throw new IllegalArgumentException(file + " is a " + extras.task().replace('_', ' ') + ", not a " + task.replace('_', ' '));
            if (!TrainingRun.present(loaded.extras())) throw new IllegalArgumentException(file + " holds no training run to resume (it was not saved by 'rnn4j train')");
            return new Resumed(loaded.model(), extras, TrainingRun.read(loaded.extras(), file.toString()));
        } catch (RuntimeException e) {
            loaded.model().close();
            throw e;
        }
    }
}

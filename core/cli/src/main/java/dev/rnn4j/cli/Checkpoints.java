package dev.rnn4j.cli;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.model.Model;
import dev.rnn4j.model.io.Checkpoint;
import dev.rnn4j.tensor.DType;
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

    /**
     * The shape of what the command trains ({@link Models}): one input of token ids, and a first output with a
     * score per label (classifier) or per token id of the tokenizer (language model).
     */
    private static void requireCommandShape(Model model, CheckpointExtras extras, Path file) {
        if (model.inputs().size() != 1 || model.inputs().getFirst().dtype() != DType.INT32) {
            throw new IllegalArgumentException(file + ": its model does not take one input of token ids, as the rnn4j command's models do");
        }
        long[] out = model.outputShapes().getFirst();
        long width = out.length == 0 ? 1 : out[out.length - 1];
        boolean classifier = CheckpointExtras.CLASSIFIER.equals(extras.task());
        long expected = classifier ? extras.labels().size() : extras.tokenizer().vocabularySize();
        if (width != expected) {
            throw new IllegalArgumentException(file + ": its model has " + width + " outputs but its "
                    + (classifier ? "labels need " : "tokenizer's vocabulary needs ") + expected);
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
            requireCommandShape(loaded.model(), extras, file);
            return new Opened(loaded.model(), extras);
        } catch (RuntimeException e) {
            loaded.model().close();
            throw e;
        }
    }
}

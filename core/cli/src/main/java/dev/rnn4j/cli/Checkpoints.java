package dev.rnn4j.cli;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.keras.ModelFormat;
import dev.rnn4j.model.Model;
import dev.rnn4j.model.io.Checkpoint;
import dev.rnn4j.tensor.DType;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Opens a model file for one task: an rnn4j checkpoint written by the CLI, or a Keras model (.keras or .h5, told
 * apart by the file's first bytes) with its tokenizer; clear errors for a missing file or the wrong task.
 */
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

    /** An rnn4j checkpoint (or a Keras model that needs no tokenizer file) for {@code task}; import notes are dropped. */
    static Opened open(Path file, Backend backend, String task) throws IOException {
        return open(file, backend, task, null, null, new PrintWriter(Writer.nullWriter()));
    }

    /**
     * @param task      {@link CheckpointExtras#LANGUAGE_MODEL} or {@link CheckpointExtras#CLASSIFIER} (null: either)
     * @param tokenizer the tokenizer of a Keras model (ignored for rnn4j checkpoints, which hold theirs)
     * @param labels    class names of a Keras classifier, or null
     * @param notes     where the import's notes go (options rnn4j does not apply when training)
     */
    static Opened open(Path file, Backend backend, String task, Path tokenizer, List<String> labels, PrintWriter notes) throws IOException {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("checkpoint not found: " + file);
        Opened opened = switch (ModelFormat.detect(file)) {
            case KERAS, HDF5 -> KerasModels.open(file, backend, tokenizer, labels, notes);
            case SAFETENSORS -> {
                Checkpoint.Loaded loaded = Checkpoint.load(file, backend);
                try {
                    CheckpointExtras extras = CheckpointExtras.read(loaded.extras(), file.toString());
                    requireCommandShape(loaded.model(), extras, file);
                    yield new Opened(loaded.model(), extras);
                } catch (RuntimeException e) {
                    loaded.model().close();
                    throw e;
                }
            }
        };
        if (task != null && !task.equals(opened.extras().task())) {
            opened.close();
            String command = CheckpointExtras.CLASSIFIER.equals(opened.extras().task()) ? "classify" : "sample";
            throw new IllegalArgumentException(file + " is a " + opened.extras().task() + "; use 'rnn4j " + command + "' with it");
        }
        return opened;
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
}

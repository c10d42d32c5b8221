package dev.rnn4j.cli;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.data.PadSequences;
import dev.rnn4j.keras.KerasFiles;
import dev.rnn4j.keras.KerasTokenizers;
import dev.rnn4j.model.Layer;
import dev.rnn4j.model.Model;
import dev.rnn4j.model.layers.Dense;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Keras model (.keras or .h5) opened for a CLI task: the tokenizer comes from {@code --tokenizer} (a Keras
 * Tokenizer JSON or a TextVectorization vocabulary), the task from the output's shape ([time, vocabulary]: a
 * language model; [classes]: a classifier), the output kind from the last layer's activation, the class names from
 * {@code --labels} (default 0, 1, ...).
 */
final class KerasModels {

    private KerasModels() {
    }

    static Checkpoints.Opened open(Path file, Backend backend, Path tokenizerFile, List<String> labels, PrintWriter notes) throws IOException {
        if (tokenizerFile == null) {
            throw new IllegalArgumentException(file + " is a Keras model: give its tokenizer with --tokenizer FILE (a Tokenizer.to_json() file or a TextVectorization vocabulary)");
        }
        if (!Files.isRegularFile(tokenizerFile)) throw new IllegalArgumentException("tokenizer not found: " + tokenizerFile);
        KerasTokenizers.Loaded tokenizer = KerasTokenizers.load(tokenizerFile);
        KerasFiles.Loaded loaded = KerasFiles.load(file, backend);
        Model model = loaded.model();
        try {
            for (String n : loaded.notes()) notes.println("note: " + n);
            notes.flush();
            long[] shape = model.outputShapes().getFirst();
            CheckpointExtras.Outputs outputs = outputs(model);
            if (shape.length == 2) {
                return new Checkpoints.Opened(model, new CheckpointExtras(CheckpointExtras.LANGUAGE_MODEL, tokenizer.tokenizer(), List.of(), 0, PadSequences.Side.PRE, outputs, tokenizer.padding()));
            }
            if (shape.length != 1) throw new IllegalArgumentException(file + ": the model's output has shape " + java.util.Arrays.toString(shape) + "; the CLI runs language models and classifiers");
            int classes = outputs == CheckpointExtras.Outputs.SIGMOID ? 2 : (int) shape[0];
            List<String> names = labels != null ? labels : defaultLabels(classes);
            if (names.size() != classes) throw new IllegalArgumentException("--labels names " + names.size() + " classes, the model has " + classes);
            long steps = model.inputs().getFirst().input().shape()[0];
            return new Checkpoints.Opened(model, new CheckpointExtras(CheckpointExtras.CLASSIFIER, tokenizer.tokenizer(), names, steps > 0 ? (int) steps : 0, PadSequences.Side.PRE, outputs, tokenizer.padding()));
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    private static List<String> defaultLabels(int classes) {
        List<String> l = new ArrayList<>();
        for (int i = 0; i < classes; i++) l.add(Integer.toString(i));
        return l;
    }

    /** Probabilities after a final Dense(softmax), one probability after Dense(1, sigmoid), logits otherwise. */
    private static CheckpointExtras.Outputs outputs(Model model) {
        var out = model.outputs().getFirst();
        Layer last = out.isInput() ? null : out.producer().layer();
        if (last instanceof Dense d) {
            Object activation = d.config().get("activation");
            if ("softmax".equals(activation)) return CheckpointExtras.Outputs.PROBABILITIES;
            if ("sigmoid".equals(activation) && Integer.valueOf(1).equals(d.config().get("units"))) return CheckpointExtras.Outputs.SIGMOID;
        }
        return CheckpointExtras.Outputs.LOGITS;
    }
}

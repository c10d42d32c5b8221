package dev.rnn4j.model.io;

import dev.rnn4j.model.Model;
import dev.rnn4j.model.train.Callback;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Saves a checkpoint after each epoch, or with {@code bestOnly} only when {@code monitor} improved ("loss" keys
 * minimised, others maximised). {@code extras} (e.g. the tokenizer's JSON) are stored alongside.
 */
public final class ModelCheckpoint implements Callback {

    private final Path file;
    private final String monitor;
    private final boolean bestOnly;
    private final Map<String, String> extras;
    private double best;
    private int saves;

    public ModelCheckpoint(Path file, String monitor, boolean bestOnly, Map<String, String> extras) {
        this.file = java.util.Objects.requireNonNull(file, "file");
        this.monitor = java.util.Objects.requireNonNull(monitor, "monitor");
        this.bestOnly = bestOnly;
        this.extras = Map.copyOf(extras);
    }

    @Override
    public void onTrainBegin(Model model) {
        best = monitor.contains("loss") ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    @Override
    public boolean onEpochEnd(Model model, int epoch, Map<String, Double> logs) {
        Double v = logs.get(monitor);
        if (bestOnly && v == null) throw new IllegalStateException("checkpoint monitors '" + monitor + "' but the logs have only " + logs.keySet());
        boolean improved = v != null && (monitor.contains("loss") ? v < best : v > best);
        if (improved) best = v;
        if (!bestOnly || improved) {
            try {
                Checkpoint.save(file, model, extras);
                saves++;
            } catch (IOException e) {
                throw new UncheckedIOException("could not save checkpoint " + file, e);
            }
        }
        return true;
    }

    /** How many times a checkpoint was written. */
    public int saves() {
        return saves;
    }
}

package dev.rnn4j.cli;

import dev.rnn4j.data.PadSequences;
import dev.rnn4j.data.Tokenizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the CLI stores beside the weights in a checkpoint: the task ("language_model" or "classifier"),
 * the tokenizer's JSON, for classifiers the label names and the padded length (0: the longest text), and what the
 * model outputs and where its inputs are padded (rnn4j's models: logits, padding after; Keras' models often end in
 * softmax or sigmoid and were trained on pre-padded ids).
 */
record CheckpointExtras(String task, Tokenizer tokenizer, List<String> labels, int maxlen, Outputs outputs, PadSequences.Side padding) {

    static final String LANGUAGE_MODEL = "language_model";
    static final String CLASSIFIER = "classifier";

    /** What the model's (first) output holds. */
    enum Outputs {
        /** Scores before a softmax (rnn4j's CLI models). */
        LOGITS,
        /** Probabilities over the classes or tokens (a final softmax). */
        PROBABILITIES,
        /** One probability of class 1 (a final Dense(1, sigmoid)). */
        SIGMOID
    }

    static Map<String, String> languageModel(Tokenizer tokenizer) {
        return Map.of("task", LANGUAGE_MODEL, "tokenizer", tokenizer.toJson());
    }

    static Map<String, String> classifier(Tokenizer tokenizer, List<String> labels, int maxlen) {
        return new CheckpointExtras(CLASSIFIER, tokenizer, labels, maxlen, Outputs.LOGITS, PadSequences.Side.POST).toMap();
    }

    /** The metadata entries of a checkpoint holding these extras. */
    Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("task", task);
        m.put("tokenizer", tokenizer.toJson());
        if (CLASSIFIER.equals(task)) {
            m.put("labels", String.join("\n", labels));
            m.put("maxlen", Integer.toString(maxlen));
        }
        if (outputs != Outputs.LOGITS) m.put("outputs", outputs.name().toLowerCase(Locale.ROOT));
        if (padding != PadSequences.Side.POST) m.put("padding", padding.name().toLowerCase(Locale.ROOT));
        return m;
    }

    /** Reads the extras back; {@code file} names the checkpoint in errors. */
    static CheckpointExtras read(Map<String, String> extras, String file) {
        String task = extras.get("task");
        String tokenizer = extras.get("tokenizer");
        if (task == null || tokenizer == null) {
            throw new IllegalArgumentException(file + " was not written by the rnn4j command (no task/tokenizer in its metadata)");
        }
        Outputs outputs = parse(Outputs.class, extras.getOrDefault("outputs", "logits"), file, "outputs");
        PadSequences.Side padding = parse(PadSequences.Side.class, extras.getOrDefault("padding", "post"), file, "padding");
        if (CLASSIFIER.equals(task)) {
            String labels = extras.get("labels");
            String maxlen = extras.get("maxlen");
            if (labels == null || maxlen == null) throw new IllegalArgumentException(file + ": classifier checkpoint without labels or maxlen");
            return new CheckpointExtras(task, Tokenizer.fromJson(tokenizer), List.of(labels.split("\n", -1)), Integer.parseInt(maxlen), outputs, padding);
        }
        if (!LANGUAGE_MODEL.equals(task)) throw new IllegalArgumentException(file + ": unknown task '" + task + "'");
        return new CheckpointExtras(task, Tokenizer.fromJson(tokenizer), List.of(), 0, outputs, padding);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String file, String key) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": unknown " + key + " '" + value + "'");
        }
    }
}

package dev.rnn4j.cli;

import dev.rnn4j.data.PadSequences;
import dev.rnn4j.data.Tokenizer;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the CLI stores beside the weights in a checkpoint: the task ("language_model" or "classifier"), the
 * tokenizer's JSON, for classifiers the label names, the padded length (0: the longest text) and the truncated end,
 * and what the model outputs and where its inputs are padded (rnn4j's models: logits, padding after; Keras' models
 * often end in softmax or sigmoid and were trained on pre-padded ids). (A training run's own record, "run.*", is
 * {@link TrainingRun}.)
 */
record CheckpointExtras(String task, Tokenizer tokenizer, List<String> labels, int maxlen, PadSequences.Side truncating,
                        Outputs outputs, PadSequences.Side padding) {

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

    /** An rnn4j model's extras: logits, padded after the data. */
    CheckpointExtras(String task, Tokenizer tokenizer, List<String> labels, int maxlen, PadSequences.Side truncating) {
        this(task, tokenizer, labels, maxlen, truncating, Outputs.LOGITS, PadSequences.Side.POST);
    }

    /** Without a truncating side: Keras' default, 'pre'. */
    CheckpointExtras(String task, Tokenizer tokenizer, List<String> labels, int maxlen) {
        this(task, tokenizer, labels, maxlen, PadSequences.Side.PRE);
    }

    static Map<String, String> languageModel(Tokenizer tokenizer) {
        return new CheckpointExtras(LANGUAGE_MODEL, tokenizer, List.of(), 0).toMap();
    }

    static Map<String, String> classifier(Tokenizer tokenizer, List<String> labels, int maxlen, PadSequences.Side truncating) {
        return new CheckpointExtras(CLASSIFIER, tokenizer, labels, maxlen, truncating).toMap();
    }

    /** The metadata entries of a checkpoint holding these extras. */
    Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("task", task);
        m.put("tokenizer", tokenizer.toJson());
        if (CLASSIFIER.equals(task)) {
            m.put("labels", String.join("\n", labels));
            m.put("maxlen", Integer.toString(maxlen));
            m.put("truncating", truncating.name().toLowerCase(Locale.ROOT));
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
        PadSequences.Side truncating = parse(PadSequences.Side.class, extras.getOrDefault("truncating", "pre"), file, "truncating");
        if (CLASSIFIER.equals(task)) {
            String labels = extras.get("labels");
            String maxlen = extras.get("maxlen");
            if (labels == null || maxlen == null) throw new IllegalArgumentException(file + ": classifier checkpoint without labels or maxlen");
            return new CheckpointExtras(task, tokenizer(tokenizer, file), labels(labels, file), maxlen(maxlen, file), truncating, outputs, padding);
        }
        if (!LANGUAGE_MODEL.equals(task)) throw new IllegalArgumentException(file + ": unknown task '" + task + "'");
        return new CheckpointExtras(task, tokenizer(tokenizer, file), List.of(), 0, truncating, outputs, padding);
    }

    private static Tokenizer tokenizer(String json, String file) {
        try {
            return Tokenizer.fromJson(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": bad tokenizer in its metadata: " + e.getMessage(), e);
        }
    }

    private static List<String> labels(String joined, String file) {
        List<String> labels = List.of(joined.split("\n", -1));
        if (labels.contains("") || new HashSet<>(labels).size() != labels.size()) {
            throw new IllegalArgumentException(file + ": classifier labels must be distinct and non-empty, got " + labels);
        }
        return labels;
    }

    /** A padded length: a positive integer, or 0 for the longest text (pad_sequences' maxlen=None). */
    private static int maxlen(String value, String file) {
        int maxlen;
        try {
            maxlen = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            maxlen = -1;
        }
        if (maxlen < 0) throw new IllegalArgumentException(file + ": classifier maxlen '" + value + "' is not an integer >= 0");
        return maxlen;
    }

    /** "pre" or "post" as a pad_sequences side. */
    static PadSequences.Side side(String name, String where) {
        return switch (name) {
            case "pre" -> PadSequences.Side.PRE;
            case "post" -> PadSequences.Side.POST;
            default -> throw new IllegalArgumentException(where + ": truncating must be pre or post, got '" + name + "'");
        };
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String file, String key) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": unknown " + key + " '" + value + "'");
        }
    }
}

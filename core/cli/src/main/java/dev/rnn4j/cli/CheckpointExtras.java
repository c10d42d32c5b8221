package dev.rnn4j.cli;

import dev.rnn4j.data.PadSequences;
import dev.rnn4j.data.Tokenizer;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the CLI stores beside the weights in a checkpoint: the task ("language_model" or "classifier"),
 * the tokenizer's JSON, and for classifiers the label names, the padded length and the truncated end.
 * (A training run's own record, "run.*", is {@link TrainingRun}.)
 */
record CheckpointExtras(String task, Tokenizer tokenizer, List<String> labels, int maxlen, PadSequences.Side truncating) {

    static final String LANGUAGE_MODEL = "language_model";
    static final String CLASSIFIER = "classifier";

    /** Without a truncating side: Keras' default, 'pre'. */
    CheckpointExtras(String task, Tokenizer tokenizer, List<String> labels, int maxlen) {
        this(task, tokenizer, labels, maxlen, PadSequences.Side.PRE);
    }

    static Map<String, String> languageModel(Tokenizer tokenizer) {
        return Map.of("task", LANGUAGE_MODEL, "tokenizer", tokenizer.toJson());
    }

    static Map<String, String> classifier(Tokenizer tokenizer, List<String> labels, int maxlen, PadSequences.Side truncating) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("task", CLASSIFIER);
        m.put("tokenizer", tokenizer.toJson());
        m.put("labels", String.join("\n", labels));
        m.put("maxlen", Integer.toString(maxlen));
        m.put("truncating", truncating.name().toLowerCase(Locale.ROOT));
        return m;
    }

    /** This record's entries again (to save a resumed run with what it was loaded with). */
    Map<String, String> toMap() {
        return LANGUAGE_MODEL.equals(task) ? languageModel(tokenizer) : classifier(tokenizer, labels, maxlen, truncating);
    }

    /** Reads the extras back; {@code file} names the checkpoint in errors. */
    static CheckpointExtras read(Map<String, String> extras, String file) {
        String task = extras.get("task");
        String tokenizer = extras.get("tokenizer");
        if (task == null || tokenizer == null) {
            throw new IllegalArgumentException(file + " was not written by the rnn4j command (no task/tokenizer in its metadata)");
        }
        if (CLASSIFIER.equals(task)) {
            String labels = extras.get("labels");
            String maxlen = extras.get("maxlen");
            if (labels == null || maxlen == null) throw new IllegalArgumentException(file + ": classifier checkpoint without labels or maxlen");
            return new CheckpointExtras(task, tokenizer(tokenizer, file), labels(labels, file), maxlen(maxlen, file),
                    side(extras.getOrDefault("truncating", "pre"), file));
        }
        if (!LANGUAGE_MODEL.equals(task)) throw new IllegalArgumentException(file + ": unknown task '" + task + "'");
        return new CheckpointExtras(task, tokenizer(tokenizer, file), List.of(), 0);
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

    private static int maxlen(String value, String file) {
        int maxlen;
        try {
            maxlen = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            maxlen = 0;
        }
        if (maxlen < 1) throw new IllegalArgumentException(file + ": classifier maxlen '" + value + "' is not a positive integer");
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
}

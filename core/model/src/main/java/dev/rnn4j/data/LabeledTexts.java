package dev.rnn4j.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.IntFunction;

/**
 * Texts with integer class labels; {@code labels[i]} indexes {@code labelNames}.
 */
public record LabeledTexts(List<String> texts, int[] labels, List<String> labelNames) {

    public LabeledTexts {
        texts = List.copyOf(texts);
        labelNames = List.copyOf(labelNames);
        Objects.requireNonNull(labels, "labels");
        if (texts.size() != labels.length) {
            throw new IllegalArgumentException(texts.size() + " texts but " + labels.length + " labels");
        }
        if (labelNames.isEmpty()) throw new IllegalArgumentException("no label names");
        if (new HashSet<>(labelNames).size() != labelNames.size()) throw new IllegalArgumentException("duplicate label names " + labelNames);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= labelNames.size()) {
                throw new IndexOutOfBoundsException("label " + labels[i] + " of example #" + i + " is outside 0.." + (labelNames.size() - 1));
            }
        }
        labels = labels.clone();
    }


    @Override
    public int[] labels() {
        return labels.clone();
    }

    public int size() {
        return labels.length;
    }

    /**
     * Maps raw label strings to ids. With {@code known == null} the names are the distinct raw labels, sorted;
     * otherwise every raw label must be one of {@code known} (e.g. the training labels when loading a test
     * set), else an error naming the example via {@code where}.
     */
    public static LabeledTexts of(List<String> texts, List<String> rawLabels, List<String> known, IntFunction<String> where) {
        List<String> names = known != null ? List.copyOf(known) : new ArrayList<>(new TreeSet<>(rawLabels));
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < names.size(); i++) ids.put(names.get(i), i);
        int[] labels = new int[rawLabels.size()];
        for (int i = 0; i < labels.length; i++) {
            Integer id = ids.get(rawLabels.get(i));
            if (id == null) throw new IllegalArgumentException("unknown label '" + rawLabels.get(i) + "' at " + where.apply(i) + "; known labels: " + names);
            labels[i] = id;
        }
        return new LabeledTexts(texts, labels, names);
    }

    /** How many examples carry each label, in label-id order. */
    public int[] counts() {
        int[] c = new int[labelNames.size()];
        for (int l : labels) c[l]++;
        return c;
    }
}

package dev.rnn4j.cli;

import dev.rnn4j.data.LabeledTexts;
import dev.rnn4j.data.PadSequences;
import dev.rnn4j.data.Permutations;
import dev.rnn4j.data.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Texts to classifier input: word ids padded at the end (rnn4j's classifiers) or where a Keras model's tokenizer pads
 * them, truncated at the front as Keras does by default (the end of a long text is kept); a maxlen of 0 pads to the
 * longest text.
 */
final class ClassifierData {

    private ClassifierData() {
    }

    /** Padded ids [N][maxlen] and a label per row. */
    record Encoded(int[][] x, int[] y) {
    }

    static Encoded encode(Tokenizer tokenizer, LabeledTexts data, int maxlen) {
        return new Encoded(encode(tokenizer, data.texts(), maxlen), data.labels());
    }

    static int[][] encode(Tokenizer tokenizer, List<String> texts, int maxlen) {
        if (maxlen < 1) throw new IllegalArgumentException("--maxlen must be >= 1, got " + maxlen);
        return encode(tokenizer, texts, maxlen, PadSequences.Side.POST);
    }

    /** The texts as a model with these extras wants them. */
    static int[][] encode(CheckpointExtras extras, List<String> texts) {
        return encode(extras.tokenizer(), texts, extras.maxlen() > 0 ? extras.maxlen() : PadSequences.LONGEST, extras.padding());
    }

    static Encoded encode(CheckpointExtras extras, LabeledTexts data) {
        return new Encoded(encode(extras, data.texts()), data.labels());
    }

    private static int[][] encode(Tokenizer tokenizer, List<String> texts, int maxlen, PadSequences.Side padding) {
        int[][] ids = PadSequences.keras().withMaxlen(maxlen).withPadding(padding).apply(tokenizer.textsToSequences(texts));
        if (ids.length > 0 && ids[0].length == 0) throw new IllegalArgumentException("no text has a token the tokenizer knows");
        return ids;
    }

    /** A seeded shuffle split into training and validation parts. */
    static LabeledTexts[] split(LabeledTexts data, double validationSplit, long seed) {
        if (!(validationSplit >= 0 && validationSplit < 1)) throw new IllegalArgumentException("--validation-split must be in [0, 1), got " + validationSplit);
        int[] order = Permutations.shuffled(data.size(), new SplittableRandom(seed));
        int validation = (int) Math.floor(data.size() * validationSplit);
        if (data.size() - validation < 1) throw new IllegalArgumentException("no training examples left after the validation split");
        return new LabeledTexts[] {subset(data, order, validation, data.size()), subset(data, order, 0, validation)};
    }

    private static LabeledTexts subset(LabeledTexts d, int[] order, int from, int to) {
        List<String> texts = new ArrayList<>(to - from);
        int[] labels = new int[to - from];
        int[] all = d.labels();
        for (int i = from; i < to; i++) {
            texts.add(d.texts().get(order[i]));
            labels[i - from] = all[order[i]];
        }
        return new LabeledTexts(texts, labels, d.labelNames());
    }
}

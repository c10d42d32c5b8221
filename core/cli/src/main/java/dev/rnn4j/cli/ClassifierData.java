package dev.rnn4j.cli;

import dev.rnn4j.data.LabeledTexts;
import dev.rnn4j.data.PadSequences;
import dev.rnn4j.data.Permutations;
import dev.rnn4j.data.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Texts to classifier input: word ids padded at the end (rnn4j's classifiers: the masked Embedding wants
 * padding='post') or where a Keras model's tokenizer pads them, truncated at the front by default as Keras does (the
 * end of a long text is kept); a stored maxlen of 0 pads to the longest text.
 */
final class ClassifierData {

    private ClassifierData() {
    }

    /** Padded ids [N][maxlen] and a label per row. */
    record Encoded(int[][] x, int[] y) {
    }

    static Encoded encode(Tokenizer tokenizer, LabeledTexts data, int maxlen, PadSequences.Side truncating) {
        return new Encoded(encode(tokenizer, data.texts(), maxlen, truncating), data.labels());
    }

    static int[][] encode(Tokenizer tokenizer, List<String> texts, int maxlen, PadSequences.Side truncating) {
        if (maxlen < 1) throw new IllegalArgumentException("--maxlen must be >= 1, got " + maxlen);
        return pad(tokenizer, texts, maxlen, PadSequences.Side.POST, truncating);
    }

    /** The texts as a model with these extras wants them. */
    static int[][] encode(CheckpointExtras extras, List<String> texts) {
        return pad(extras.tokenizer(), texts, extras.maxlen() > 0 ? extras.maxlen() : PadSequences.LONGEST, extras.padding(), extras.truncating());
    }

    static Encoded encode(CheckpointExtras extras, LabeledTexts data) {
        return new Encoded(encode(extras, data.texts()), data.labels());
    }

    private static int[][] pad(Tokenizer tokenizer, List<String> texts, int maxlen, PadSequences.Side padding, PadSequences.Side truncating) {
        int[][] ids = PadSequences.keras().withMaxlen(maxlen).withPadding(padding).withTruncating(truncating).apply(tokenizer.textsToSequences(texts));
        if (ids.length > 0 && ids[0].length == 0) throw new IllegalArgumentException("no text has a token the tokenizer knows");
        return ids;
    }

    /** The longest text in tokens (at least 1): pad_sequences' maxlen=None. */
    static int longest(Tokenizer tokenizer, List<String> texts) {
        return Math.max(1, tokenizer.textsToSequences(texts).stream().mapToInt(s -> s.length).max().orElse(1));
    }

    /**
     * A seeded shuffle split: the training part and the validation part, {@code floor(size * validationSplit)}
     * examples (the count {@link dev.rnn4j.model.train.FitOptions#validationSplit} holds out from the end).
     */
    static LabeledTexts[] split(LabeledTexts data, double validationSplit, long seed) {
        if (!(validationSplit >= 0 && validationSplit < 1)) throw new IllegalArgumentException("--validation-split must be in [0, 1), got " + validationSplit);
        int[] order = Permutations.shuffled(data.size(), new SplittableRandom(seed));
        int validation = (int) Math.floor(data.size() * validationSplit);
        if (data.size() - validation < 1) throw new IllegalArgumentException("no training examples left after the validation split");
        return new LabeledTexts[] {subset(data, order, validation, data.size()), subset(data, order, 0, validation)};
    }

    /** The training part followed by the validation part: what fit's validation split cuts at the same place. */
    static Encoded concat(Encoded a, Encoded b) {
        int[][] x = new int[a.x().length + b.x().length][];
        int[] y = new int[x.length];
        System.arraycopy(a.x(), 0, x, 0, a.x().length);
        System.arraycopy(b.x(), 0, x, a.x().length, b.x().length);
        System.arraycopy(a.y(), 0, y, 0, a.y().length);
        System.arraycopy(b.y(), 0, y, a.y().length, b.y().length);
        return new Encoded(x, y);
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

package dev.rnn4j.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A text encoded as one stream of token ids for language modelling, with the tokenizer fitted on it.
 */
public record TextCorpus(Tokenizer tokenizer, int[] ids) {

    public TextCorpus {
        Objects.requireNonNull(tokenizer, "tokenizer");
        Objects.requireNonNull(ids, "ids");
    }

    /** Reads a UTF-8 text file (strictly) and tokenizes it with a tokenizer fitted on it. */
    public static TextCorpus load(Path file, TokenizerConfig config) {
        return of(TextFiles.readUtf8(file), config, String.valueOf(file));
    }

    public static TextCorpus of(String text, TokenizerConfig config) {
        return of(text, config, "text");
    }

    /** {@code source} names the text in the error for a text without tokens. */
    private static TextCorpus of(String text, TokenizerConfig config, String source) {
        Objects.requireNonNull(text, "text");
        Tokenizer tokenizer = new Tokenizer(config).fitOnTexts(List.of(text));
        if (!tokenizer.isFitted()) throw new IllegalArgumentException(source + " has no tokens after filtering");
        return new TextCorpus(tokenizer, tokenizer.encode(text));
    }

    /** Encodes {@code text} with an already fitted tokenizer (e.g. a checkpoint's). */
    public static TextCorpus of(String text, Tokenizer fitted) {
        return new TextCorpus(fitted, fitted.encode(text));
    }

    @Override
    public int[] ids() {
        return ids.clone();
    }

    public int length() {
        return ids.length;
    }

    /**
     * Windows of {@code seqLength} tokens every {@code stride} tokens, each with its next-token targets:
     * {@code targets[w][t] = ids[start + t + 1]}.
     */
    public SequenceWindows windows(int seqLength, int stride) {
        if (seqLength <= 0) throw new IllegalArgumentException("seqLength must be positive, got " + seqLength);
        if (stride <= 0) throw new IllegalArgumentException("stride must be positive, got " + stride);
        if (ids.length < seqLength + 1) {
            throw new IllegalArgumentException("text has " + ids.length + " tokens; a window of " + seqLength
                    + " tokens with next-token targets needs at least " + (seqLength + 1));
        }
        int count = (ids.length - seqLength - 1) / stride + 1;
        int[][] inputs = new int[count][];
        int[][] targets = new int[count][];
        for (int w = 0; w < count; w++) {
            int start = w * stride;
            inputs[w] = java.util.Arrays.copyOfRange(ids, start, start + seqLength);
            targets[w] = java.util.Arrays.copyOfRange(ids, start + 1, start + seqLength + 1);
        }
        return new SequenceWindows(inputs, targets);
    }
}

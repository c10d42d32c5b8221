package dev.rnn4j.data;

/**
 * The settings of a {@link Tokenizer}, named as in Keras' {@code Tokenizer(num_words, filters, lower, split,
 * char_level, oov_token)}.
 *
 * @param numWords  keep only ids {@code < numWords} (the {@code numWords - 1} most frequent words) when
 *                  encoding; 0 keeps every word
 * @param filters   characters replaced by {@code split} before word splitting (ignored at char level, as in Keras)
 * @param lower     lower-case texts first
 * @param split     the word separator
 * @param charLevel every character is a token
 * @param oovToken  token for out-of-vocabulary words, given index 1; {@code null} drops unknown words
 * @param strip     characters deleted (not replaced) before filtering and splitting, after lower-casing: Keras'
 *                  TextVectorization strips punctuation this way; "" for Keras' Tokenizer
 */
public record TokenizerConfig(int numWords, String filters, boolean lower, String split, boolean charLevel, String oovToken, String strip) {

    /** Keras' default filter string: punctuation, tab and newline (the apostrophe is kept). */
    public static final String KERAS_FILTERS = "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n";

    /** Keras' Tokenizer settings (nothing stripped). */
    public TokenizerConfig(int numWords, String filters, boolean lower, String split, boolean charLevel, String oovToken) {
        this(numWords, filters, lower, split, charLevel, oovToken, "");
    }

    public TokenizerConfig {
        if (strip == null) throw new IllegalArgumentException("strip is null (use \"\" to strip nothing)");
        if (numWords < 0) throw new IllegalArgumentException("numWords must be >= 0 (0 keeps all words), got " + numWords);
        if (filters == null) throw new IllegalArgumentException("filters is null (use \"\" for no filtering)");
        if (split == null || split.isEmpty()) throw new IllegalArgumentException("split must be a non-empty string");
        if (oovToken != null && oovToken.isEmpty()) throw new IllegalArgumentException("oovToken must be null or non-empty");
    }

    /** Keras defaults: word level, all words, default filters, lower-case, split on a space, no oov token. */
    public static TokenizerConfig words() {
        return new TokenizerConfig(0, KERAS_FILTERS, true, " ", false, null);
    }

    /** Character level, case kept, no filters: what a char-level language model wants. */
    public static TokenizerConfig chars() {
        return new TokenizerConfig(0, "", false, " ", true, null);
    }

    public TokenizerConfig withNumWords(int n) {
        return new TokenizerConfig(n, filters, lower, split, charLevel, oovToken, strip);
    }

    public TokenizerConfig withFilters(String f) {
        return new TokenizerConfig(numWords, f, lower, split, charLevel, oovToken, strip);
    }

    public TokenizerConfig withLower(boolean l) {
        return new TokenizerConfig(numWords, filters, l, split, charLevel, oovToken, strip);
    }

    public TokenizerConfig withSplit(String s) {
        return new TokenizerConfig(numWords, filters, lower, s, charLevel, oovToken, strip);
    }

    public TokenizerConfig withCharLevel(boolean c) {
        return new TokenizerConfig(numWords, filters, lower, split, c, oovToken, strip);
    }

    public TokenizerConfig withOovToken(String t) {
        return new TokenizerConfig(numWords, filters, lower, split, charLevel, t, strip);
    }

    public TokenizerConfig withStrip(String s) {
        return new TokenizerConfig(numWords, filters, lower, split, charLevel, oovToken, s);
    }
}

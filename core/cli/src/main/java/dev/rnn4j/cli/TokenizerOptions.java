package dev.rnn4j.cli;

import dev.rnn4j.data.TokenizerConfig;
import picocli.CommandLine.Option;

/**
 * The Keras Tokenizer settings of {@code train}: tokens (characters or words), num_words, filters and lower.
 * Word tokens (language models with {@code --level word}, and classifiers) have Keras' defaults; character
 * tokens keep case and every character, as a character-level language model wants.
 */
final class TokenizerOptions {

    static final String OOV_TOKEN = "<OOV>";

    @Option(names = "--level", converter = Choices.Level.class, completionCandidates = Choices.Level.class,
            description = "Language model tokens: ${COMPLETION-CANDIDATES} (classifiers use words). Default: ${DEFAULT-VALUE}.")
    String level = "char";

    @Option(names = "--num-words", converter = NumberRanges.NonNegativeInt.class,
            description = "Keep the num_words - 1 most frequent tokens (Keras' num_words; 0: all, as Keras' None); other words become "
                    + OOV_TOKEN + ", other characters are dropped. Default: ${DEFAULT-VALUE}.")
    int numWords;

    @Option(names = "--filters", description = "Word tokens: characters removed before splitting (Keras' filters). Default: Keras' punctuation, tab and newline.")
    String filters = TokenizerConfig.KERAS_FILTERS;

    @Option(names = "--lower", negatable = true,
            description = "Lower-case the text first (--no-lower keeps case). Default: on for word tokens (Keras' lower=True), off for characters.")
    Boolean lower;

    /** Word tokens: classifiers always, language models with {@code --level word}. */
    boolean words(boolean classifier) {
        return classifier || "word".equals(level);
    }

    /** The effective lower-casing (the default depends on the token kind). */
    boolean lower(boolean classifier) {
        return lower != null ? lower : words(classifier);
    }

    TokenizerConfig config(boolean classifier) {
        TokenizerConfig base = words(classifier) ? TokenizerConfig.words().withOovToken(OOV_TOKEN).withFilters(filters) : TokenizerConfig.chars();
        return base.withNumWords(numWords).withLower(lower(classifier));
    }
}

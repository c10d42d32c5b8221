package dev.rnn4j.cli;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.data.SequenceWindows;
import dev.rnn4j.data.TextCorpus;
import dev.rnn4j.data.TextFiles;
import dev.rnn4j.data.Tokenizer;
import dev.rnn4j.model.Model;
import dev.rnn4j.model.train.Dataset;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A text file as next-token windows of {@code seqLength} tokens (stride {@code seqLength}); the validation
 * windows are the last ones, i.e. the end of the text.
 */
record LanguageModelData(Path file, TextCorpus corpus, SequenceWindows windows, String unit) implements TrainingData {

    /** Reads and tokenizes {@code file}; with {@code fitted} (a resumed run's tokenizer) instead of fitting a new one. */
    static LanguageModelData load(Path file, TokenizerOptions tokens, int seqLength, Tokenizer fitted) {
        String text = TextFiles.readUtf8(file);
        TextCorpus corpus = fitted != null ? TextCorpus.of(text, fitted) : TextCorpus.of(text, tokens.config(false));
        if (corpus.length() < seqLength + 1) {
            throw new IllegalArgumentException(file + " has " + corpus.length() + " tokens; --seq-length " + seqLength + " needs at least " + (seqLength + 1));
        }
        return new LanguageModelData(file, corpus, corpus.windows(seqLength, seqLength), tokens.words(false) ? "word" : "char");
    }

    @Override
    public Dataset dataset() {
        return HostBatches.windows(windows);
    }

    @Override
    public String fingerprint() {
        return new DataFingerprint().add(corpus.ids()).toString();
    }

    @Override
    public Map<String, String> extras() {
        return CheckpointExtras.languageModel(corpus.tokenizer());
    }

    @Override
    public List<String> describe(FitPlan plan) {
        return List.of(String.format(Locale.ROOT, "%s: %,d %s tokens, vocabulary %,d", file, corpus.length(), unit, corpus.tokenizer().vocabularySize() - 1),
                String.format(Locale.ROOT, "windows: %,d of %d tokens; %s", windows.count(), windows.seqLength(),
                        plan.validation() > 0 ? String.format(Locale.ROOT, "the last %,d held out for validation", plan.validation()) : "no validation"));
    }

    @Override
    public String heldOut(FitPlan plan) {
        return plan.validation() == 0 ? null : String.format(Locale.ROOT, "%,d windows, %,d %ss", plan.validation(), (long) plan.validation() * windows.seqLength(), unit);
    }

    @Override
    public String tokenUnit() {
        return unit;
    }

    @Override
    public Model build(ModelOptions m, Backend backend, long seed) {
        return Models.languageModel(corpus.tokenizer().vocabularySize(), m, backend, seed);
    }
}

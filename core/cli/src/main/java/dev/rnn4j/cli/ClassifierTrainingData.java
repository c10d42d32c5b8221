package dev.rnn4j.cli;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.data.LabeledTexts;
import dev.rnn4j.data.PadSequences;
import dev.rnn4j.data.Tokenizer;
import dev.rnn4j.model.Model;
import dev.rnn4j.model.train.Dataset;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Labelled texts as padded word ids: a seeded shuffle split, the tokenizer fitted on the training part, the
 * training examples followed by the validation examples.
 */
record ClassifierTrainingData(LabeledTexts all, Tokenizer tokenizer, ClassifierData.Encoded encoded, int maxlen, PadSequences.Side truncating)
        implements TrainingData {

    /**
     * Loads and encodes the data; {@code maxlen} 0 means the longest training text; {@code resumed} (may be
     * null) is a resumed run's extras, whose tokenizer is used instead of fitting a new one.
     */
    static ClassifierTrainingData load(LabeledDataOptions labeled, TokenizerOptions tokens, double validationSplit, long seed,
                                       int maxlen, PadSequences.Side truncating, CheckpointExtras resumed) {
        LabeledTexts all = labeled.load("train", resumed != null ? resumed.labels() : null, seed);
        LabeledTexts[] parts = ClassifierData.split(all, validationSplit, seed);
        Tokenizer tokenizer = resumed != null ? resumed.tokenizer() : new Tokenizer(tokens.config(true)).fitOnTexts(parts[0].texts());
        int length = maxlen > 0 ? maxlen : ClassifierData.longest(tokenizer, parts[0].texts());
        ClassifierData.Encoded encoded = ClassifierData.concat(ClassifierData.encode(tokenizer, parts[0], length, truncating),
                ClassifierData.encode(tokenizer, parts[1], length, truncating));
        return new ClassifierTrainingData(all, tokenizer, encoded, length, truncating);
    }

    @Override
    public Dataset dataset() {
        return HostBatches.labeled(encoded.x(), encoded.y());
    }

    @Override
    public String fingerprint() {
        return new DataFingerprint().add(encoded.x()).add(encoded.y()).toString();
    }

    @Override
    public Map<String, String> extras() {
        return CheckpointExtras.classifier(tokenizer, all.labelNames(), maxlen, truncating);
    }

    @Override
    public List<String> describe(FitPlan plan) {
        return List.of(String.format(Locale.ROOT, "%,d examples (%,d for training, %,d for validation), labels %s", all.size(), plan.training(),
                        plan.validation(), all.labelNames()),
                String.format(Locale.ROOT, "vocabulary %,d, maxlen %d (truncating %s)", tokenizer.vocabularySize() - 1, maxlen,
                        truncating.name().toLowerCase(Locale.ROOT)));
    }

    @Override
    public String heldOut(FitPlan plan) {
        return plan.validation() == 0 ? null : String.format(Locale.ROOT, "%,d examples", plan.validation());
    }

    @Override
    public String tokenUnit() {
        return null;
    }

    @Override
    public Model build(ModelOptions m, Backend backend, long seed) {
        return Models.classifier(tokenizer.vocabularySize(), all.labelNames().size(), m, backend, seed);
    }
}

package dev.rnn4j.examples;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.backend.Backends;
import dev.rnn4j.data.LabeledTexts;
import dev.rnn4j.data.NegationSentiment;
import dev.rnn4j.data.PadSequences;
import dev.rnn4j.data.Tokenizer;
import dev.rnn4j.data.TokenizerConfig;
import dev.rnn4j.model.Input;
import dev.rnn4j.model.Model;
import dev.rnn4j.model.Sequential;
import dev.rnn4j.model.layers.Layers;
import dev.rnn4j.model.train.Dataset;
import dev.rnn4j.model.train.FitOptions;
import dev.rnn4j.model.train.Losses;
import dev.rnn4j.model.train.Metrics;
import dev.rnn4j.model.train.Optimizers;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;
import java.util.Map;

/**
 * The Keras workflow in Java: generate the negation task ("not good" is negative, "never bad" positive),
 * fit a Tokenizer, pad, and train Embedding(mask_zero) → Bidirectional(LSTM) → Dense on the padded rows
 * ({@code Dataset.of(int[][], int[])}; fit prints a line per epoch), then evaluate on held-out sentences. The test
 * suite runs {@link #run} on every build.
 */
public final class NegationSentimentExample {

    /** Trains and returns the held-out accuracy. */
    public static double run(Backend backend, int epochs) {
        LabeledTexts train = NegationSentiment.generate(600, 1);
        LabeledTexts test = NegationSentiment.generate(200, 2);
        Tokenizer tokenizer = new Tokenizer(TokenizerConfig.words()).fitOnTexts(train.texts());
        PadSequences pad = PadSequences.keras().withMaxlen(12).withPadding(PadSequences.Side.POST);

        try (TensorScope scope = TensorScope.open();
             Model model = Sequential.of(Input.tokens(12),
                     Layers.embedding(tokenizer.vocabularySize(), 16).maskZero(true),
                     Layers.bidirectional(Layers.lstm(16), "concat"),
                     Layers.dense(2))) {
            model.build(backend, 7);
            model.compile(Optimizers.adam(1e-2f), Losses.sparseCategoricalCrossentropy(true), Metrics.accuracy());
            System.out.print(model.summary());
            model.fit(Dataset.of(pad.apply(tokenizer.textsToSequences(train.texts())), train.labels()),
                    FitOptions.defaults().epochs(epochs).batchSize(32).seed(3));
            Tensor testIds = scope.fromIntArray(pad.apply(tokenizer.textsToSequences(test.texts())));
            Map<String, Double> result = model.evaluate(testIds, scope.fromIntArray(test.labels(), test.size()), 64);
            return result.get("accuracy");
        }
    }

    public static void main(String[] args) {
        try (Backend backend = Backends.auto().backend()) {
            System.out.printf("backend %s: held-out accuracy %.3f%n", backend.name(), run(backend, 8));
        }
    }

    private NegationSentimentExample() {
    }
}

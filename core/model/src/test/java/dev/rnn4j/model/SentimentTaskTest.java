package dev.rnn4j.model;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.backend.Backends;
import dev.rnn4j.data.LabeledTexts;
import dev.rnn4j.data.NegationSentiment;
import dev.rnn4j.data.PadSequences;
import dev.rnn4j.data.Tokenizer;
import dev.rnn4j.data.TokenizerConfig;
import dev.rnn4j.model.layers.Layers;
import dev.rnn4j.model.train.FitOptions;
import dev.rnn4j.model.train.Losses;
import dev.rnn4j.model.train.Metrics;
import dev.rnn4j.model.train.Optimizers;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The negation task: word order decides the label; an LSTM learns it, a mean-of-embeddings baseline cannot. */
class SentimentTaskTest {

    @Test
    void lstmSolvesNegationWhileBagOfWordsBaselineCannot() {
        LabeledTexts train = NegationSentiment.generate(600, 1);
        LabeledTexts test = NegationSentiment.generate(200, 2);
        Tokenizer tok = new Tokenizer(TokenizerConfig.words()).fitOnTexts(train.texts());
        PadSequences pad = PadSequences.keras().withPadding(PadSequences.Side.POST).withMaxlen(16);
        int vocab = tok.vocabularySize();
        try (Backend backend = Backends.cpu(); TensorScope scope = TensorScope.open()) {
            Tensor xTrain = ids(scope, pad.apply(tok.textsToSequences(train.texts())));
            Tensor yTrain = scope.fromIntArray(train.labels(), train.size());
            Tensor xTest = ids(scope, pad.apply(tok.textsToSequences(test.texts())));
            Tensor yTest = scope.fromIntArray(test.labels(), test.size());

            Model lstm = Sequential.of(Input.tokens(-1), Layers.embedding(vocab, 16).maskZero(true), Layers.lstm(24), Layers.dense(2));
            double lstmAccuracy = trainAndTest(backend, lstm, xTrain, yTrain, xTest, yTest, 12);
            Model bag = Sequential.of(Input.tokens(-1), Layers.embedding(vocab, 16).maskZero(true), Layers.globalAveragePooling1D(), Layers.dense(2));
            double bagAccuracy = trainAndTest(backend, bag, xTrain, yTrain, xTest, yTest, 12);
            System.out.printf("negation sentiment test accuracy: LSTM %.3f, GlobalAveragePooling1D baseline %.3f%n", lstmAccuracy, bagAccuracy);
            assertTrue(lstmAccuracy >= 0.95, "LSTM test accuracy " + lstmAccuracy);
            assertTrue(bagAccuracy < 0.75, "bag-of-words baseline should stay near chance, got " + bagAccuracy);
        }
    }

    private static double trainAndTest(Backend backend, Model model, Tensor x, Tensor y, Tensor xt, Tensor yt, int epochs) {
        try (model) {
            model.build(backend, 5);
            model.compile(Optimizers.adam(1e-2f).clipNorm(5f), Losses.sparseCategoricalCrossentropy(true), Metrics.accuracy());
            model.fit(x, y, FitOptions.defaults().epochs(epochs).batchSize(32).seed(3));
            Map<String, Double> result = model.evaluate(xt, yt, 128);
            return result.get("accuracy");
        }
    }

    static Tensor ids(TensorScope scope, int[][] rows) {
        int t = rows[0].length;
        int[] flat = new int[rows.length * t];
        for (int i = 0; i < rows.length; i++) System.arraycopy(rows[i], 0, flat, i * t, t);
        return scope.fromIntArray(flat, rows.length, t);
    }
}

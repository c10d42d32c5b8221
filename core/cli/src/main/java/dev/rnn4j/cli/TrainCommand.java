package dev.rnn4j.cli;

import dev.rnn4j.backend.BackendChoice;
import dev.rnn4j.data.LabeledTexts;
import dev.rnn4j.data.SequenceWindows;
import dev.rnn4j.data.TextCorpus;
import dev.rnn4j.data.TextFiles;
import dev.rnn4j.data.Tokenizer;
import dev.rnn4j.data.TokenizerConfig;
import dev.rnn4j.keras.KerasFiles;
import dev.rnn4j.keras.ModelFormat;
import dev.rnn4j.model.Model;
import dev.rnn4j.model.train.Dataset;
import dev.rnn4j.model.io.Checkpoint;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rnn4j train}: a language model on a text file ({@code --text}), or a classifier on labelled texts
 * ({@code --csv}, {@code --imdb}, {@code --negation}); saves a checkpoint with the tokenizer. With {@code --model}
 * it fine-tunes a saved model (an rnn4j checkpoint, or a Keras .keras/.h5 model with {@code --tokenizer}) instead,
 * keeping its tokenizer, and saves it as an rnn4j checkpoint or, named .keras or .h5, as a Keras model.
 */
@Command(name = "train", description = {
        "Train on your data and save a checkpoint (weights, optimizer state, tokenizer):",
        "  a language model on a text file:  --text FILE [--level char|word]",
        "  a classifier on labelled texts:   --csv FILE --text-column C --label-column L | --imdb DIR | --negation N",
        "  fine-tune a saved model instead:  --model FILE [--tokenizer FILE] (a Keras model needs its tokenizer)"})
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TrainOptions train = new TrainOptions(5, 64, 2e-3f, 600);

    @Mixin
    ModelOptions model = new ModelOptions(64, 256);

    @Mixin
    LabeledDataOptions labeled = new LabeledDataOptions();

    @Option(names = "--text", description = "UTF-8 text file for a language model.")
    Path text;

    @Option(names = "--level", description = "Language model tokens: char or word. Default: ${DEFAULT-VALUE}.")
    String level = "char";

    @Option(names = "--seq-length", description = "Language model: tokens per training window. Default: ${DEFAULT-VALUE}.")
    int seqLength = 100;

    @Option(names = "--num-words", description = "Keep the most frequent words only (0: all; word level and classifiers). Default: ${DEFAULT-VALUE}.")
    int numWords = 20_000;

    @Option(names = "--maxlen", description = "Classifier: words per text after padding/truncation. Default: ${DEFAULT-VALUE}.")
    int maxlen = 100;

    @Option(names = "--validation-split", description = "Classifier: fraction held out for validation. Default: ${DEFAULT-VALUE}.")
    double validationSplit = 0.1;

    @Option(names = "--save", required = true, description = "Checkpoint file to write (.safetensors; a fine-tuned model may also be saved as .keras or .h5).")
    Path save;

    @Option(names = "--loss-chart", description = "Also write the loss curve as a PNG here.")
    Path lossChart;

    @Option(names = "--model", description = "Fine-tune this model (rnn4j checkpoint, or Keras .keras/.h5) instead of a new one.")
    Path fineTune;

    @Option(names = "--tokenizer", description = "With a Keras --model: its tokenizer (Tokenizer.to_json() file or TextVectorization vocabulary).")
    Path tokenizer;

    @Option(names = "--labels", split = ",", description = "With a Keras classifier --model: class names in output order, comma-separated.")
    List<String> labels;

    @Override
    public Integer call() throws IOException {
        if ((text != null) == labeled.given()) {
            throw new IllegalArgumentException("give either --text FILE (language model) or one of --csv, --imdb, --negation (classifier)");
        }
        if (fineTune != null) return fineTune();
        return text != null ? trainLanguageModel() : trainClassifier();
    }

    private int fineTune() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        String task = text != null ? CheckpointExtras.LANGUAGE_MODEL : CheckpointExtras.CLASSIFIER;
        BackendChoice choice = train.backend.chooseAndReport(out);
        try (var opened = Checkpoints.open(fineTune, choice.backend(), task, tokenizer, labels, spec.commandLine().getErr())) {
            Model m = opened.model();
            CheckpointExtras extras = opened.extras();
            Models.compileForFineTuning(m, train, extras.outputs());
            Dataset data;
            if (text != null) {
                SequenceWindows windows = TextCorpus.of(TextFiles.readUtf8(text), extras.tokenizer()).windows(seqLength, seqLength);
                out.printf("%s: %,d windows of %d tokens for %s%n", text, windows.count(), seqLength, fineTune);
                data = HostBatches.windows(windows);
            } else {
                ClassifierData.Encoded set = ClassifierData.encode(extras, labeled.load("train", extras.labels(), train.seed));
                out.printf("%,d examples, labels %s, for %s%n", set.y().length, extras.labels(), fineTune);
                data = HostBatches.labeled(set.x(), set.y());
            }
            FitRun.Result r = fit(m, data);
            out.printf("fine-tuned %d steps in %.1f s: loss %.4f -> %.4f%n", r.steps(), r.seconds(), r.losses()[0], r.recentLoss(Math.max(1, r.steps() / 5)));
            if (ModelFormat.forExtension(save) == ModelFormat.KERAS || ModelFormat.forExtension(save) == ModelFormat.HDF5) KerasFiles.save(m, save);
            else Checkpoint.save(save, m, extras.toMap());
            out.println("saved " + save.toAbsolutePath());
        }
        return 0;
    }

    private int trainLanguageModel() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        TokenizerConfig config = switch (level) {
            case "char" -> TokenizerConfig.chars();
            case "word" -> TokenizerConfig.words().withNumWords(numWords).withOovToken("<OOV>");
            default -> throw new IllegalArgumentException("--level must be char or word, got '" + level + "'");
        };
        TextCorpus corpus = TextCorpus.of(TextFiles.readUtf8(text), config);
        SequenceWindows windows = corpus.windows(seqLength, seqLength);
        out.printf("%s: %,d %s tokens, vocabulary %d, %,d windows of %d%n", text, corpus.length(), level,
                corpus.tokenizer().vocabularySize() - 1, windows.count(), seqLength);
        BackendChoice choice = train.backend.chooseAndReport(out);
        try (Model lm = Models.languageModel(corpus.tokenizer().vocabularySize(), model, train, choice.backend())) {
            FitRun.Result r = fit(lm, HostBatches.windows(windows));
            out.printf("trained %d steps in %.1f s: %s tokens/s, loss %.4f%n", r.steps(), r.seconds(),
                    TrainingProgress.compact(r.tokens() / r.seconds()), r.recentLoss(20));
            Checkpoint.save(save, lm, CheckpointExtras.languageModel(corpus.tokenizer()));
            out.println("saved " + save.toAbsolutePath());
        }
        return 0;
    }

    private int trainClassifier() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        LabeledTexts all = labeled.load("train", null, train.seed);
        LabeledTexts[] parts = ClassifierData.split(all, validationSplit, train.seed);
        Tokenizer tokenizer = new Tokenizer(TokenizerConfig.words().withNumWords(numWords).withOovToken("<OOV>")).fitOnTexts(parts[0].texts());
        ClassifierData.Encoded trainSet = ClassifierData.encode(tokenizer, parts[0], maxlen);
        out.printf("%,d examples (%,d for training, %,d for validation), labels %s, vocabulary %d, maxlen %d%n",
                all.size(), parts[0].size(), parts[1].size(), all.labelNames(), tokenizer.vocabularySize() - 1, maxlen);
        BackendChoice choice = train.backend.chooseAndReport(out);
        try (Model clf = Models.classifier(tokenizer.vocabularySize(), all.labelNames().size(), model, train, choice.backend())) {
            FitRun.Result r = fit(clf, HostBatches.labeled(trainSet.x(), trainSet.y()));
            out.printf("trained %d steps in %.1f s: loss %.4f%n", r.steps(), r.seconds(), r.recentLoss(20));
            if (parts[1].size() > 0) {
                ClassifierData.Encoded val = ClassifierData.encode(tokenizer, parts[1], maxlen);
                long[][] confusion = ClassifierEvaluation.confusion(ClassifierEvaluation.probabilities(clf, val.x(), train.batchSize), val.y(), all.labelNames().size());
                out.printf("validation accuracy: %.2f%% on %d examples%n", 100 * ClassifierEvaluation.accuracy(confusion), parts[1].size());
            }
            Checkpoint.save(save, clf, CheckpointExtras.classifier(tokenizer, all.labelNames(), maxlen));
            out.println("saved " + save.toAbsolutePath());
        }
        return 0;
    }

    private FitRun.Result fit(Model m, Dataset data) {
        FitRun.Result r = FitRun.run("train", m, train, data);
        if (lossChart != null) {
            LossChart.writePng(lossChart, "rnn4j train: loss", List.of(new LossChart.Series("training loss", r.stepNumbers(), r.losses())));
        }
        return r;
    }
}

package dev.rnn4j.cli;

import dev.rnn4j.backend.BackendChoice;
import dev.rnn4j.keras.KerasFiles;
import dev.rnn4j.keras.ModelFormat;
import dev.rnn4j.model.Model;
import dev.rnn4j.model.io.Checkpoint;
import dev.rnn4j.model.train.Metric;
import dev.rnn4j.model.train.Metrics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rnn4j train}: a language model on a text file ({@code --text}), or a classifier on labelled texts
 * ({@code --csv}, {@code --imdb}, {@code --negation}), with validation figures per epoch; saves a checkpoint
 * with the tokenizer and the run's state, on SIGINT/SIGTERM too, and continues a saved run with {@code --resume}.
 * With {@code --model} it fine-tunes a saved model (an rnn4j checkpoint, or a Keras .keras/.h5 model with
 * {@code --tokenizer}) instead of a new one, keeping its tokenizer, and saves it as an rnn4j checkpoint or, named
 * .keras or .h5, as a Keras model.
 */
@Command(name = "train", description = {
        "Train on your data and save a checkpoint (weights, optimizer state, tokenizer, the run's position):",
        "  a language model on a text file:  --text FILE [--level char|word]",
        "  a classifier on labelled texts:   --csv FILE --text-column C --label-column L,",
        "                                    or --imdb DIR, or --negation N",
        "  fine-tune a saved model instead:  --model FILE [--tokenizer FILE] (a Keras model needs its tokenizer)",
        "Ctrl-C (or SIGTERM) stops after the current step and saves; --resume FILE continues exactly where it stopped.",
        "Exit codes: 0 trained and saved, 1 failed, 2 bad arguments, 130/143 stopped by SIGINT/SIGTERM (saved)."})
final class TrainCommand implements Callable<Integer> {

    /** The options that shape a run: stored in its checkpoint, taken from it on --resume. */
    static final List<String> SETTINGS = List.of("--level", "--num-words", "--filters", "--lower", "--seq-length", "--maxlen", "--truncating",
            "--text-column", "--label-column", "--delimiter", "--max-per-class", "--negation", "--validation-split", "--batch-size", "--seed",
            "--embedding-dim", "--units", "--cell", "--layers", "--bidirectional", "--dropout", "--recurrent-dropout", "--optimizer", "--learning-rate", "--clipnorm");

    @Spec
    CommandSpec spec;

    @Mixin
    TrainOptions train = new TrainOptions(1, 600);

    @Option(names = "--learning-rate", converter = NumberRanges.PositiveFloat.class,
            description = "Optimizer learning rate. Default: the optimizer's Keras default (0.001 for adam and rmsprop, 0.01 for sgd).")
    Float learningRate;

    @Mixin
    ModelOptions model = new ModelOptions(64, 256);

    @Mixin
    TokenizerOptions tokens = new TokenizerOptions();

    @Mixin
    LabeledDataOptions labeled = new LabeledDataOptions();

    @Option(names = "--text", description = "UTF-8 text file for a language model.")
    Path text;

    @Option(names = "--seq-length", converter = NumberRanges.PositiveInt.class, description = "Language model: tokens per training window. Default: ${DEFAULT-VALUE}.")
    int seqLength = 100;

    @Option(names = "--maxlen", converter = NumberRanges.NonNegativeInt.class,
            description = "Classifier: words per text after padding/truncation (Keras' maxlen; 0: the longest training text, as Keras' None). Default: ${DEFAULT-VALUE}.")
    int maxlen;

    @Option(names = "--truncating", converter = Choices.Truncating.class, completionCandidates = Choices.Truncating.class,
            description = "Classifier: which end of a longer text is cut, ${COMPLETION-CANDIDATES} (Keras' truncating). Default: ${DEFAULT-VALUE}.")
    String truncating = "pre";

    @Option(names = "--save", required = true, paramLabel = "FILE",
            description = "Checkpoint to write (.safetensors), at the end or when stopped; a fine-tuned model may also be saved as .keras or .h5.")
    Path save;

    @Option(names = "--model", paramLabel = "FILE", description = "Fine-tune this model (rnn4j checkpoint, or Keras .keras/.h5) instead of a new one.")
    Path fineTune;

    @Option(names = "--tokenizer", paramLabel = "FILE", description = "With a Keras --model: its tokenizer (Tokenizer.to_json() file or TextVectorization vocabulary).")
    Path tokenizer;

    @Option(names = "--labels", split = ",", description = "With a Keras classifier --model: class names in output order, comma-separated.")
    List<String> labels;

    @Mixin
    OverwriteOption overwrite = new OverwriteOption();

    @Mixin
    ResumeOption resume = new ResumeOption();

    @Option(names = "--loss-chart", paramLabel = "PNG", description = "Also write the loss curves (training and validation) as a PNG here.")
    Path lossChart;

    @Override
    public Integer call() throws IOException {
        if ((text != null) == labeled.given()) {
            throw UsageErrors.about(spec.commandLine(), "--text", "give either --text FILE (a language model) or one of --csv, --imdb, --negation (a classifier)");
        }
        boolean classifier = text == null;
        if (!classifier && model.bidirectional != null) {
            throw UsageErrors.about(spec.commandLine(), "--bidirectional", "--bidirectional is for classifiers: a language model predicts the next token from the past only");
        }
        PrintWriter out = spec.commandLine().getOut();
        BackendChoice choice = train.backend.chooseAndReport(out);
        Metric[] metrics = classifier ? new Metric[] {Metrics.accuracy()} : new Metric[0];
        String task = classifier ? CheckpointExtras.CLASSIFIER : CheckpointExtras.LANGUAGE_MODEL;
        if (fineTune != null && resume.given()) throw UsageErrors.about(spec.commandLine(), "--model", "give --model (fine-tune a model) or --resume (continue a run), not both");
        ResumeOption.Resumed resumed = resume.given() ? resume.load(choice.backend(), task, metrics) : null;
        Checkpoints.Opened tuned = fineTune != null ? Checkpoints.open(fineTune, choice.backend(), task, tokenizer, labels, spec.commandLine().getErr()) : null;
        CheckpointExtras given = resumed != null ? resumed.extras() : tuned != null ? tuned.extras() : null;
        Model m = resumed != null ? resumed.model() : tuned != null ? tuned.model() : null;
        try {
            if (resumed != null) RunSettings.apply(spec, resumed.run().settings(), resume.file);
            if (learningRate == null) learningRate = TrainOptions.kerasLearningRate(train.optimizer);
            tokens.lower = tokens.lower(classifier);
            TrainingData data = classifier
                    ? ClassifierTrainingData.load(labeled, tokens, train.validationSplit, train.seed, maxlen, CheckpointExtras.side(truncating, "--truncating"),
                            given)
                    : LanguageModelData.load(text, tokens, seqLength, given != null ? given.tokenizer() : null);
            if (data instanceof ClassifierTrainingData c) maxlen = c.maxlen();
            TrainingRun run = resumed != null ? resumed.run() : TrainingRun.start(RunSettings.capture(spec, SETTINGS), data.fingerprint());
            if (!run.data().equals(data.fingerprint())) {
                throw new IllegalArgumentException("the data differs from the run in " + resume.file + " (checksum " + data.fingerprint() + ", the run's " + run.data()
                        + "): resume with the same data and tokenizer options");
            }
            overwrite.check(save, run.id());
            if (tuned != null) {
                Models.compileForFineTuning(m, train, learningRate, tuned.extras().outputs());
            } else if (m == null) {
                m = data.build(model, choice.backend(), train.seed);
                Models.compile(m, train, learningRate, classifier);
            }
            FitPlan plan = FitPlan.of(data.dataset().size(), train);
            data.describe(plan).forEach(out::println);
            header(m, plan, resumed != null ? run : null, tuned != null).forEach(out::println);
            out.flush();
            TrainingSummary summary = new TrainingSummary(data.tokenUnit(), data.heldOut(plan));
            FitRun.Result r = FitRun.run("train", m, train, data.dataset(), plan, run, summary, out);
            Map<String, String> extras = new LinkedHashMap<>(tuned != null ? tuned.extras().toMap() : data.extras());
            extras.putAll(run.extras());
            boolean keras = ModelFormat.forExtension(save) == ModelFormat.KERAS || ModelFormat.forExtension(save) == ModelFormat.HDF5;
            if (keras) KerasFiles.save(m, save);
            else Checkpoint.save(save, m, extras);
            TrainingSummary.stopLine(r.stopReason(), r.signal(), train, run).forEach(out::println);
            out.println(r.summary(" in this run"));
            r.throughput().describe().forEach(out::println);
            summary.finalFigures(run).forEach(out::println);
            if (tuned != null && !run.epochs().isEmpty()) {
                out.printf(Locale.ROOT, "fine-tuned %s: loss %.4f -> %.4f (mean of the first and the last epoch)%n", fineTune,
                        run.epochs().getFirst().logs().get("loss"), run.epochs().getLast().logs().get("loss"));
            }
            if (lossChart != null && run.losses().size() > 0) {
                LossChart.writePng(lossChart, "rnn4j train: " + (classifier ? "classifier" : "language model on " + text.getFileName()), run);
                out.println("loss chart: " + lossChart);
            }
            boolean unfinished = r.stopReason() != dev.rnn4j.model.train.History.StopReason.EPOCHS_DONE;
            out.println("saved " + save + (!unfinished ? "" : keras ? " (a Keras file holds no run state: save as .safetensors to resume)" : "; continue with --resume " + save));
            out.flush();
            return r.stoppedBySignal() ? r.signalExitCode() : 0;
        } finally {
            if (m != null) m.close();
        }
    }

    /** The run's hyperparameters, wrapped under 80 columns. */
    private List<String> header(Model m, FitPlan plan, TrainingRun resumedRun, boolean fineTuning) {
        String what = fineTuning ? fineTune + " (fine-tuning)" : model.describe();
        List<String> lines = new java.util.ArrayList<>(TrainingSummary.wrap("model: ", List.of(what, String.format(Locale.ROOT, "%,d parameters", m.parameterCount()))));
        lines.addAll(TrainingSummary.wrap("training: ", List.of(train.optimizer + " lr " + learningRate, "batch " + train.batchSize, "epochs " + train.epochs,
                "clipnorm " + (train.clipnorm > 0 ? train.clipnorm : "none"), "seed " + train.seed,
                "--seconds " + (train.seconds > 0 ? TrainingSummary.number(train.seconds) : "none"),
                "--steps " + (train.steps > 0 ? String.format(Locale.ROOT, "%,d", train.steps) : "none"),
                TrainingSummary.count(plan.batchesPerEpoch(), "step") + " per epoch")));
        if (resumedRun != null) {
            lines.add(String.format(Locale.ROOT, "resuming %s: step %,d done, next: epoch %d, batch %d", resume.file, resumedRun.steps(),
                    resumedRun.nextEpoch() + 1, resumedRun.nextBatch() + 1));
        }
        return lines;
    }
}

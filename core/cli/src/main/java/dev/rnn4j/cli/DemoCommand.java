package dev.rnn4j.cli;

import dev.rnn4j.backend.BackendChoice;
import dev.rnn4j.data.AdditionCorpus;
import dev.rnn4j.data.AdditionCorpus.Addition;
import dev.rnn4j.data.SequenceWindows;
import dev.rnn4j.data.TextCorpus;
import dev.rnn4j.data.TokenizerConfig;
import dev.rnn4j.model.Model;
import dev.rnn4j.model.io.Checkpoint;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rnn4j demo}: trains a char-level LSTM on the embedded addition corpus within a time budget,
 * samples from it, checks the sums, and writes the loss curves.
 */
@Command(name = "demo", description = {
        "Train a char-level LSTM on generated additions (lines like 37+45=82) within a time budget,",
        "then sample from it and count the generated additions that are correct. Writes the loss curves as a PNG.",
        "Exit codes: 0 done, 1 failed, 2 bad arguments, 130/143 stopped by SIGINT/SIGTERM."})
final class DemoCommand implements Callable<Integer> {

    private static final int SAMPLE_LINES = 8;

    @Spec
    CommandSpec spec;

    @Mixin
    TrainOptions train = new TrainOptions(10_000, 90);

    @Option(names = "--learning-rate", converter = NumberRanges.PositiveFloat.class,
            description = "Optimizer learning rate. Default: ${DEFAULT-VALUE} (the demo's recipe; Keras' default for adam is 0.001).")
    float learningRate = 3e-3f;

    @Mixin
    ModelOptions model = new ModelOptions(32, 128);

    @Option(names = "--seq-length", converter = NumberRanges.PositiveInt.class, description = "Characters per training window. Default: ${DEFAULT-VALUE}.")
    int seqLength = 48;

    @Option(names = "--lines", converter = NumberRanges.PositiveInt.class, description = "Additions in the generated training text. Default: ${DEFAULT-VALUE}.")
    int lines = 20_000;

    @Option(names = "--held-out", converter = NumberRanges.NonNegativeInt.class,
            description = "Problems kept out of the training text and asked afterwards. Default: ${DEFAULT-VALUE}.")
    int heldOut = 200;

    @Option(names = "--temperature", converter = NumberRanges.NonNegativeFloat.class, description = "Sampling temperature (0: greedy). Default: ${DEFAULT-VALUE}.")
    float temperature = 0.5f;

    @Option(names = "--sample-chars", converter = NumberRanges.PositiveInt.class,
            description = "Characters to generate for the free-running sample. Default: ${DEFAULT-VALUE}.")
    int sampleChars = 2000;

    @Option(names = "--output", paramLabel = "PNG", description = "Loss-curve PNG. Default: ${DEFAULT-VALUE}.")
    Path output = Path.of("rnn4j-demo-loss.png");

    @Option(names = "--save", paramLabel = "FILE", description = "Also save the trained model (safetensors checkpoint with its tokenizer) here.")
    Path save;

    @Mixin
    OverwriteOption overwrite = new OverwriteOption();

    @Override
    public Integer call() throws IOException {
        if (model.bidirectional != null) {
            throw UsageErrors.about(spec.commandLine(), "--bidirectional", "--bidirectional is for classifiers: a language model predicts the next token from the past only");
        }
        PrintWriter out = spec.commandLine().getOut();
        long started = System.nanoTime();
        Set<Addition> problems = AdditionCorpus.problems(heldOut, train.seed + 1);
        TextCorpus corpus = TextCorpus.of(AdditionCorpus.generate(lines, train.seed, problems), TokenizerConfig.chars());
        SequenceWindows windows = corpus.windows(seqLength, seqLength);
        out.printf(Locale.ROOT, "rnn4j demo: a char-level %s learns %,d generated additions%n", model.cell.toUpperCase(Locale.ROOT), lines);
        out.printf(Locale.ROOT, "(%,d chars, vocabulary %d); %d problems held out of the text%n", corpus.length(), corpus.tokenizer().vocabularySize() - 1, problems.size());
        BackendChoice choice = train.backend.chooseAndReport(out);
        TrainingRun run = TrainingRun.start(Map.of(), new DataFingerprint().add(corpus.ids()).toString());
        if (save != null) overwrite.check(save, run.id());
        FitPlan plan = FitPlan.of(windows.count(), train);
        try (Model lm = Models.languageModel(corpus.tokenizer().vocabularySize(), model, choice.backend(), train.seed)) {
            Models.compile(lm, train, learningRate, false);
            TrainingSummary.wrap("model: ", List.of(model.describe(), "dense " + corpus.tokenizer().vocabularySize(),
                    String.format(Locale.ROOT, "%,d parameters", lm.parameterCount()))).forEach(out::println);
            TrainingSummary.wrap("training: ", List.of(train.optimizer + " lr " + learningRate, "batch " + train.batchSize + " x " + seqLength + " chars",
                    "clipnorm " + (train.clipnorm > 0 ? train.clipnorm : "none"),
                    "budget " + (train.seconds > 0 ? TrainingSummary.number(train.seconds) + " s" : "none"),
                    String.format(Locale.ROOT, "%,d windows held out", plan.validation()))).forEach(out::println);
            out.flush();
            var summary = new TrainingSummary("char", plan.validation() > 0 ? String.format(Locale.ROOT, "%,d windows", plan.validation()) : null);
            FitRun.Result r = FitRun.run("demo", lm, train, HostBatches.windows(windows), plan, run, null, out);
            TrainingSummary.stopLine(r.stopReason(), r.signal(), train, run).forEach(out::println);
            out.println(r.summary(""));
            r.throughput().describe().forEach(out::println);
            out.printf(Locale.ROOT, "training loss: %.3f (mean of the last 100 steps; first step %.3f)%n", run.losses().recentMean(100), run.losses().values()[0]);
            summary.finalFigures(run).stream().filter(l -> l.startsWith("validation")).forEach(out::println);
            LossChart.writePng(output, "rnn4j demo: char-level " + model.cell.toUpperCase(Locale.ROOT) + " on additions", run);
            if (!r.stoppedBySignal()) evaluate(out, lm, corpus, problems);
            if (save != null) {
                Map<String, String> extras = new LinkedHashMap<>(CheckpointExtras.languageModel(corpus.tokenizer()));
                extras.putAll(run.extras());
                Checkpoint.save(save, lm, extras);
                out.println("model saved: " + save);
            }
            out.println("loss curve: " + output);
            out.println("ran on backend: " + choice.backend().name() + " (" + choice.backend().device() + ")");
            out.printf(Locale.ROOT, "total time: %.1f s%n", (System.nanoTime() - started) / 1e9);
            out.flush();
            return r.stoppedBySignal() ? r.signalExitCode() : 0;
        }
    }

    /** A free-running sample scored line by line, and the held-out problems completed greedily. */
    private void evaluate(PrintWriter out, Model lm, TextCorpus corpus, Set<Addition> problems) {
        var sample = AdditionEvaluation.sample(lm, corpus.tokenizer(), sampleChars, TextSampling.sampler(temperature, 0, 1.0), train.seed);
        out.println("sample (temperature " + temperature + "):");
        sample.text().lines().limit(SAMPLE_LINES).forEach(l -> out.println("  " + TrainingSummary.clip(l, TrainingSummary.WIDTH - 2)));
        out.println("generated additions: " + sample.score());
        int correct = AdditionEvaluation.correctCompletions(lm, corpus.tokenizer(), problems);
        out.printf(Locale.ROOT, "held-out problems (a+b= never in the text), greedy: %d/%d correct (%.1f%%)%n",
                correct, problems.size(), problems.isEmpty() ? 0.0 : 100.0 * correct / problems.size());
    }
}

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
import java.util.List;
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
 * samples from it, checks the sums, and writes the loss curve.
 */
@Command(name = "demo", description = {
        "Train a char-level LSTM on generated additions (lines like 37+45=82) within a time budget,",
        "then sample from it and count the generated additions that are correct. Writes the loss curve as a PNG."})
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TrainOptions train = new TrainOptions(10_000, 32, 3e-3f, 90);

    @Mixin
    ModelOptions model = new ModelOptions(32, 128);

    @Option(names = "--seq-length", description = "Characters per training window. Default: ${DEFAULT-VALUE}.")
    int seqLength = 48;

    @Option(names = "--lines", description = "Additions in the generated training text. Default: ${DEFAULT-VALUE}.")
    int lines = 20_000;

    @Option(names = "--held-out", description = "Problems kept out of the training text and asked afterwards. Default: ${DEFAULT-VALUE}.")
    int heldOut = 200;

    @Option(names = "--temperature", description = "Sampling temperature (0: greedy). Default: ${DEFAULT-VALUE}.")
    float temperature = 0.5f;

    @Option(names = "--sample-chars", description = "Characters to generate for the free-running sample. Default: ${DEFAULT-VALUE}.")
    int sampleChars = 2000;

    @Option(names = "--output", description = "Loss-curve PNG. Default: ${DEFAULT-VALUE}.")
    Path output = Path.of("rnn4j-demo-loss.png");

    @Option(names = "--save", description = "Also save the trained model (safetensors checkpoint with its tokenizer) here.")
    Path save;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        long started = System.nanoTime();
        if (seqLength < 1) throw new IllegalArgumentException("--seq-length must be >= 1, got " + seqLength);
        Set<Addition> problems = AdditionCorpus.problems(heldOut, train.seed + 1);
        String text = AdditionCorpus.generate(lines, train.seed, problems);
        TextCorpus corpus = TextCorpus.of(text, TokenizerConfig.chars());
        SequenceWindows windows = corpus.windows(seqLength, seqLength);
        out.printf("rnn4j demo: char-level %s on %,d generated additions (%,d chars, vocabulary %d), %d held out%n",
                model.cell.toUpperCase(), lines, corpus.length(), corpus.tokenizer().vocabularySize() - 1, problems.size());
        BackendChoice choice = train.backend.chooseAndReport(out);
        try (Model lm = Models.languageModel(corpus.tokenizer().vocabularySize(), model, train, choice.backend())) {
            out.printf("model: embedding %d, %s %d, dense %d (%,d parameters); batch %d x %d chars, %s lr %s; budget %.0f s%n",
                    model.embeddingDim, model.cell, model.units, corpus.tokenizer().vocabularySize(), lm.parameterCount(),
                    train.batchSize, seqLength, train.optimizer, train.learningRate, train.seconds);
            out.flush();
            FitRun.Result r = FitRun.run("demo", lm, train, HostBatches.windows(windows));
            out.printf("trained %d steps in %.1f s%s: %s tokens/s, loss %.3f (first step %.3f)%n", r.steps(), r.seconds(),
                    r.outOfTime() ? " (time budget reached)" : "", TrainingProgress.compact(r.tokens() / r.seconds()),
                    r.recentLoss(20), r.losses()[0]);
            LossChart.writePng(output, "rnn4j demo: char-level " + model.cell.toUpperCase() + " on additions",
                    List.of(new LossChart.Series("training loss", r.stepNumbers(), r.losses())));

            var sample = AdditionEvaluation.sample(lm, corpus.tokenizer(), sampleChars, TextSampling.sampler(temperature, 0), train.seed);
            out.println("sample (temperature " + temperature + "):");
            sample.text().lines().limit(8).forEach(l -> out.println("  " + l));
            out.println("generated additions: " + sample.score());
            int correct = AdditionEvaluation.correctCompletions(lm, corpus.tokenizer(), problems);
            out.printf("held-out problems completed greedily (a+b= never seen in training): %d/%d correct (%.1f%%)%n",
                    correct, problems.size(), problems.isEmpty() ? 0.0 : 100.0 * correct / problems.size());
            if (save != null) {
                Checkpoint.save(save, lm, CheckpointExtras.languageModel(corpus.tokenizer()));
                out.println("model saved: " + save.toAbsolutePath());
            }
            out.println("loss curve: " + output.toAbsolutePath());
            out.println("ran on backend: " + choice.backend().name() + " (" + choice.backend().device() + ")");
            out.printf("total time: %.1f s%n", (System.nanoTime() - started) / 1e9);
            out.flush();
        }
        return 0;
    }
}

package dev.rnn4j.cli;

import dev.rnn4j.backend.BackendChoice;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rnn4j sample}: text from a language-model checkpoint, token by token with carried state. */
@Command(name = "sample", description = "Generate text from a language model saved by 'rnn4j train --text' or 'rnn4j demo --save', or from a Keras model (with --tokenizer).")
final class SampleCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CheckpointOption checkpoint = new CheckpointOption();

    @Option(names = "--prompt", description = "Text to start from (every token must be in the vocabulary). Default: a newline (characters), or the most frequent word.")
    String prompt;

    @Option(names = "--length", converter = NumberRanges.PositiveInt.class, description = "Tokens to generate. Default: ${DEFAULT-VALUE}.")
    int length = 200;

    @Option(names = "--temperature", converter = NumberRanges.NonNegativeFloat.class, description = "Sampling temperature (0: greedy). Default: ${DEFAULT-VALUE}.")
    float temperature = 0.8f;

    @Option(names = "--top-k", converter = NumberRanges.NonNegativeInt.class, description = "Sample among the k most likely tokens only (0: all). Default: ${DEFAULT-VALUE}.")
    int topK;

    @Option(names = "--top-p", converter = NumberRanges.Probability.class,
            description = "Sample among the most likely tokens whose probabilities add up to p (nucleus sampling; 1: all); after --top-k. Default: ${DEFAULT-VALUE}.")
    double topP = 1.0;

    @Option(names = "--seed", description = "Sampling seed. Default: ${DEFAULT-VALUE}.")
    long seed = 42;

    @Mixin
    BackendOption backend = new BackendOption();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        BackendChoice choice = backend.choose();
        try (var opened = checkpoint.open(choice.backend(), CheckpointExtras.LANGUAGE_MODEL, spec.commandLine().getErr())) {
            var model = opened.model();
            var tokenizer = opened.extras().tokenizer();
            String start = prompt != null ? prompt : TextSampling.defaultPrompt(tokenizer);
            var sampler = TextSampling.sampler(temperature, topK, topP);
            if (opened.extras().outputs() == CheckpointExtras.Outputs.PROBABILITIES) sampler = TextSampling.fromProbabilities(sampler);
            String text = TextSampling.continuation(model, tokenizer, start, length, sampler, seed);
            String shown = TextSampling.join(tokenizer, prompt != null ? prompt : "", text);
            out.print(shown);
            if (!shown.endsWith("\n")) out.println();
            out.flush();
            PrintWriter err = spec.commandLine().getErr();
            BackendSelection.report(choice).forEach(line -> err.println("(" + line + ")"));
            err.flush();
        }
        return 0;
    }
}

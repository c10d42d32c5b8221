package dev.rnn4j.cli;

import dev.rnn4j.backend.BackendChoice;
import dev.rnn4j.data.LabeledTexts;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rnn4j classify}: labels for texts given on the command line, or accuracy on a labelled set. */
@Command(name = "classify", description = {
        "Classify texts with a classifier saved by 'rnn4j train', or a Keras classifier (with --tokenizer):",
        "  texts as arguments: prints the label and its probability for each",
        "  a labelled set (--csv / --imdb --split test / --negation N): prints accuracy and the confusion matrix"})
final class ClassifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CheckpointOption checkpoint = new CheckpointOption();

    @Mixin
    LabeledDataOptions labeled = new LabeledDataOptions();

    @Option(names = "--split", converter = Choices.Split.class, completionCandidates = Choices.Split.class,
            description = "aclImdb split to evaluate: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    String split = "test";

    @Option(names = "--batch-size", converter = NumberRanges.PositiveInt.class, description = "Texts per forward pass (Keras' predict batch_size). Default: ${DEFAULT-VALUE}.")
    int batchSize = 32;

    @Option(names = "--seed", description = "Seed of the generated --negation set. Default: ${DEFAULT-VALUE}.")
    long seed = 42;

    @Mixin
    BackendOption backend = new BackendOption();

    @Parameters(description = "Texts to classify.")
    List<String> texts = List.of();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (texts.isEmpty() == !labeled.given()) {
            throw UsageErrors.about(spec.commandLine(), "--csv", "give texts to classify, or one of --csv, --imdb, --negation (not both)");
        }
        BackendChoice choice = backend.choose();
        try (var opened = checkpoint.open(choice.backend(), CheckpointExtras.CLASSIFIER, spec.commandLine().getErr())) {
            var model = opened.model();
            CheckpointExtras extras = opened.extras();
            if (!texts.isEmpty()) {
                float[][] p = ClassifierEvaluation.probabilities(model, ClassifierData.encode(extras, texts), batchSize, extras.outputs());
                for (int i = 0; i < texts.size(); i++) {
                    int c = ClassifierEvaluation.argmax(p[i]);
                    out.printf("%s\t%.3f\t%s%n", extras.labels().get(c), p[i][c], texts.get(i));
                }
            } else {
                LabeledTexts data = labeled.load(split, extras.labels(), seed);
                var encoded = ClassifierData.encode(extras, data);
                long[][] confusion = ClassifierEvaluation.confusion(ClassifierEvaluation.probabilities(model, encoded.x(), batchSize, extras.outputs()), encoded.y(), extras.labels().size());
                out.printf("accuracy: %.2f%% on %d examples%n", 100 * ClassifierEvaluation.accuracy(confusion), data.size());
                ClassifierEvaluation.printConfusion(out, confusion, extras.labels());
            }
            out.flush();
        }
        return 0;
    }
}

package dev.rnn4j.cli;

import dev.rnn4j.backend.BackendChoice;
import dev.rnn4j.model.Layer;
import dev.rnn4j.model.Model;
import dev.rnn4j.model.Node;
import dev.rnn4j.tensor.TensorScope;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rnn4j attention}: what an attention classifier looked at. It opens a classifier checkpoint whose model has
 * an Attention layer, builds a second model on the same weights that stops at the attention weights (the seeds'
 * attention lesson), runs the text through both, prints the label and the most attended words, and writes the
 * weights over the text's words as a PNG heatmap.
 */
@Command(name = "attention", description = {
        "Show where an attention classifier looks: the label of a text, its words by attention weight,",
        "and a PNG heatmap of the weights over the words. The checkpoint is a classifier (task, tokenizer, labels,",
        "maxlen in its metadata, as 'rnn4j train' writes them) whose model has one Attention layer."})
final class AttentionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CheckpointOption checkpoint = new CheckpointOption();

    @Option(names = "--output", description = "PNG file for the heatmap. Default: ${DEFAULT-VALUE}.")
    Path output = Path.of("attention.png");

    @Mixin
    BackendOption backend = new BackendOption();

    @Parameters(arity = "1", paramLabel = "TEXT", description = "The text to classify.")
    String text;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        BackendChoice choice = backend.choose();
        try (var opened = checkpoint.open(choice.backend(), CheckpointExtras.CLASSIFIER, spec.commandLine().getErr())) {
            Model model = opened.model();
            CheckpointExtras extras = opened.extras();
            Layer attention = attentionLayer(model);
            int[][] ids = ClassifierData.encode(extras.tokenizer(), List.of(text), extras.maxlen(), extras.truncating());
            List<String> words = words(extras, ids[0]);
            if (words.isEmpty()) throw new IllegalArgumentException("the text has no word the tokenizer knows (after its filters): '" + text + "'");
            float[] p = ClassifierEvaluation.probabilities(model, ids, 1)[0];
            int label = ClassifierEvaluation.argmax(p);
            float[][] weights = weights(model, attention, ids, words.size());
            out.printf(Locale.ROOT, "%s\t%.3f\t%s%n", extras.labels().get(label), p[label], text);
            out.println("attention: " + ranked(words, weights[weights.length - 1]));
            List<String> rows = new ArrayList<>();
            for (int r = 0; r < weights.length; r++) rows.add(weights.length == 1 ? extras.labels().get(label) : "query " + (r + 1));
            AttentionHeatmap.writePng(output, String.format(Locale.ROOT, "%s (%.2f): attention over the words", extras.labels().get(label), p[label]),
                    "prediction", rows, "word", words, weights);
            out.println("heatmap written to " + output);
            out.flush();
        }
        return 0;
    }

    /** The model's one Attention layer. */
    private static Layer attentionLayer(Model model) {
        List<Layer> found = model.layers().stream().filter(l -> l.type().equals("Attention")).toList();
        if (found.size() != 1) {
            throw new IllegalArgumentException("the model has " + (found.isEmpty() ? "no" : found.size()) + " Attention layer" + (found.size() > 1 ? "s" : "")
                    + "; 'rnn4j attention' reads classifiers with one (e.g. Embedding → LSTM(return_sequences, return_state) → Attention → Dense)");
        }
        return found.getFirst();
    }

    /**
     * The attention weights of the first call of {@code attention}, read by a model that shares the classifier's
     * weights and stops there: [queries][words], over the text's words only (the padding after them gets none).
     */
    private static float[][] weights(Model model, Layer attention, int[][] ids, int words) {
        Node weightsNode = model.outputsOf(attention.name()).get(1);
        try (Model reader = Model.functional(model.inputs(), List.of(weightsNode)).build(model.backend(), model.seed());
             TensorScope scope = TensorScope.open()) {
            float[] w = reader.predict(scope, scope.fromIntArray(ids), 1).toFloatArray();
            int steps = ids[0].length, queries = w.length / steps;
            float[][] out = new float[queries][words];
            for (int q = 0; q < queries; q++) System.arraycopy(w, q * steps, out[q], 0, words);
            return out;
        }
    }

    /** The words of the padded ids (up to the first padding), as the tokenizer names them. */
    private static List<String> words(CheckpointExtras extras, int[] ids) {
        List<String> words = new ArrayList<>();
        for (int id : ids) {
            if (id == 0) break;
            words.add(extras.tokenizer().word(id));
        }
        return words;
    }

    /** "not 0.61, good 0.30, ..." by decreasing weight. */
    private static String ranked(List<String> words, float[] weights) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) order.add(i);
        order.sort(Comparator.comparingDouble(i -> -weights[i]));
        StringBuilder sb = new StringBuilder();
        for (int i : order) sb.append(sb.isEmpty() ? "" : ", ").append(words.get(i)).append(String.format(Locale.ROOT, " %.2f", weights[i]));
        return sb.toString();
    }
}

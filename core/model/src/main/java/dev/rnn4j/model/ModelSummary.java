package dev.rnn4j.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link Model#summary()}: Keras' table. One row per model input ("InputLayer") and per layer, in execution
 * order: "name (Type)", the output shape of each output of each call ("(None, 12, 16)": None is the batch or
 * an extent of any length), the layer's parameter count (once, however often it is called) and the nodes it
 * reads, as "layer[call][output]". Cells too wide for their column continue on the next line, so no line
 * is longer than {@link #WIDTH}. Before the model is built, shapes and counts are "?".
 */
final class ModelSummary {

    /** The table's width in characters. */
    static final int WIDTH = 98;
    private static final int NAME = 32, SHAPE = 24, PARAMS = 12, CONNECTED = WIDTH - NAME - SHAPE - PARAMS - 3;

    private ModelSummary() {
    }

    static String of(Model model) {
        StringBuilder sb = new StringBuilder();
        sb.append("Model: ").append(model.inputs().size()).append(model.inputs().size() == 1 ? " input, " : " inputs, ").append(model.outputs().size())
                .append(model.outputs().size() == 1 ? " output" : " outputs ").append(model.outputs().size() == 1 ? "" : model.outputNames().toString()).append('\n');
        sb.append("_".repeat(WIDTH)).append('\n');
        row(sb, List.of("Layer (type)"), List.of("Output Shape"), List.of("Param #"), List.of("Connected to"));
        sb.append("=".repeat(WIDTH)).append('\n');
        Map<Node, String> labels = inputLabels(model);
        boolean first = true;
        for (Node in : model.inputs()) {
            if (!first) sb.append('\n');
            first = false;
            row(sb, nameCell(labels.get(in), "InputLayer"), List.of(shape(in.shape())), List.of("0"), List.of("-"));
        }
        for (Layer layer : model.layers()) {
            sb.append('\n');
            List<String> shapes = new ArrayList<>();
            List<String> connected = new ArrayList<>();
            for (Node.Call call : model.callsOf(layer)) {
                for (Node out : call.outputs()) shapes.add(shape(out.shape()));
                for (Node n : call.inputs()) connected.add(ref(model, labels, n));
            }
            String params = layer.isBuilt() ? Numbers.grouped(layer.parameters().stream().mapToLong(p -> p.value().elementCount()).sum()) : "?";
            row(sb, nameCell(layer.name(), layer.type()), shapes, List.of(params), connected);
        }
        sb.append("=".repeat(WIDTH)).append('\n');
        if (model.isBuilt()) {
            long total = 0, trainable = 0;
            for (Parameter p : model.parameters()) {
                total += p.value().elementCount();
                if (p.trainable()) trainable += p.value().elementCount();
            }
            sb.append("Total params: ").append(Numbers.grouped(total)).append('\n');
            sb.append("Trainable params: ").append(Numbers.grouped(trainable)).append('\n');
            sb.append("Non-trainable params: ").append(Numbers.grouped(total - trainable)).append('\n');
        } else {
            sb.append("Total params: ? (not built: shapes and parameter counts are known after build(backend, seed))\n");
        }
        sb.append("_".repeat(WIDTH)).append('\n');
        return sb.toString();
    }

    /** Each model input's name (an inner node's: its layer and output index), "_1", "_2"... added to repeats. */
    private static Map<Node, String> inputLabels(Model model) {
        Map<Node, String> labels = new IdentityHashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        for (Node in : model.inputs()) {
            String name = in.isInput() ? in.input().name() : in.producer().layer().name() + "_" + in.index();
            int k = seen.merge(name, 1, Integer::sum) - 1;
            labels.put(in, k == 0 ? name : name + "_" + k);
        }
        return labels;
    }

    /** "input[0][0]" for a model input, "layer[call][output]" otherwise. */
    private static String ref(Model model, Map<Node, String> labels, Node n) {
        if (labels.containsKey(n)) return labels.get(n) + "[0][0]";
        Node.Call producer = n.producer();
        return producer.layer().name() + "[" + model.callsOf(producer.layer()).indexOf(producer) + "][" + n.index() + "]";
    }

    private static List<String> nameCell(String name, String type) {
        String both = name + " (" + type + ")";
        if (both.length() <= NAME) return List.of(both);
        List<String> lines = new ArrayList<>(wrap(name, NAME));
        lines.addAll(wrap("(" + type + ")", NAME));
        return lines;
    }

    /** "(None, 12, 16)"; "?" before build. */
    private static String shape(long[] shape) {
        if (shape == null) return "?";
        StringBuilder sb = new StringBuilder("(None");
        for (long d : shape) sb.append(", ").append(d < 0 ? "None" : Long.toString(d));
        return sb.append(')').toString();
    }

    private static void row(StringBuilder sb, List<String> name, List<String> shapes, List<String> params, List<String> connected) {
        List<String> n = wrapAll(name, NAME), s = wrapAll(shapes, SHAPE), c = wrapAll(connected, CONNECTED);
        int lines = Math.max(Math.max(n.size(), s.size()), Math.max(params.size(), c.size()));
        for (int i = 0; i < lines; i++) {
            String line = pad(cell(n, i), NAME) + " " + pad(cell(s, i), SHAPE) + " " + padLeft(cell(params, i), PARAMS - 2) + "   " + cell(c, i);
            sb.append(line.stripTrailing()).append('\n');
        }
    }

    private static String cell(List<String> lines, int i) {
        return i < lines.size() ? lines.get(i) : "";
    }

    private static List<String> wrapAll(List<String> cells, int width) {
        List<String> out = new ArrayList<>();
        for (String c : cells) out.addAll(wrap(c, width));
        return out;
    }

    private static List<String> wrap(String text, int width) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < text.length(); i += width) out.add(text.substring(i, Math.min(text.length(), i + width)));
        if (out.isEmpty()) out.add("");
        return out;
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }

    private static String padLeft(String s, int width) {
        return " ".repeat(Math.max(0, width - s.length())) + s;
    }
}

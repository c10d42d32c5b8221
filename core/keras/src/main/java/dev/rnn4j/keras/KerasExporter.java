package dev.rnn4j.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rnn4j.model.Input;
import dev.rnn4j.model.Layer;
import dev.rnn4j.model.Model;
import dev.rnn4j.model.ModelWeights;
import dev.rnn4j.model.Node;
import dev.rnn4j.model.layers.Bidirectional;
import dev.rnn4j.model.layers.Concatenate;
import dev.rnn4j.model.layers.Conv1D;
import dev.rnn4j.model.layers.Dense;
import dev.rnn4j.model.layers.Dropout;
import dev.rnn4j.model.layers.Embedding;
import dev.rnn4j.model.layers.GlobalAveragePooling1D;
import dev.rnn4j.model.layers.GlobalMaxPooling1D;
import dev.rnn4j.model.layers.Masking;
import dev.rnn4j.model.layers.Recurrent;
import dev.rnn4j.model.layers.SequenceAttention;
import dev.rnn4j.rnn.RnnBiasMode;
import dev.rnn4j.rnn.RnnMode;
import dev.rnn4j.tensor.DType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An rnn4j model as a Keras 3 Functional model: the config (every layer call with its arguments; every mask a layer
 * reads passed explicitly, computed by the ops Keras itself writes, NotEqual and Any, so that Keras rebuilds exactly
 * this graph and uses exactly rnn4j's masks) and the weights in Keras' layouts, in the order Keras will look for
 * them ({@link KerasOrder}). What Keras cannot compute the same way is refused with the reason.
 */
final class KerasExporter {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A Keras operation of the exported graph: a layer, or an op computing a mask. */
    record Op(String name, String className, boolean isLayer, ObjectNode entry, List<String> parents, Layer layer) {
    }

    private final Model model;
    private final int batchSize;
    private final Map<String, Op> ops = new LinkedHashMap<>();
    private final Map<Node, ObjectNode> tensors = new IdentityHashMap<>();
    private final Map<Node, Set<String>> masks = new IdentityHashMap<>();
    private final Map<Node, String> producers = new IdentityHashMap<>();
    private final Map<String, ObjectNode> maskTensors = new HashMap<>();
    private final Map<String, String> maskProducers = new HashMap<>();
    private final Set<String> names = new HashSet<>();
    private final List<String> inputNames = new ArrayList<>();

    private KerasExporter(Model model, int batchSize) {
        this.model = model;
        this.batchSize = batchSize;
    }

    /** The exported graph: the config JSON ({"class_name": "Functional", ...}), and the layers in Keras' order with their weights. */
    record Exported(ObjectNode config, List<Op> layersInKerasOrder, Map<String, List<ModelWeights.Weight>> weights) {
    }

    /** @param batchSize the fixed batch size stateful layers need in Keras, or 0 */
    static Exported export(Model model, int batchSize) {
        return new KerasExporter(model, batchSize).run();
    }

    private Exported run() {
        for (Layer l : model.layers()) names.add(l.name());
        for (Node in : model.inputs()) input(in);
        for (Node.Call call : model.calls()) layer(call);
        ArrayNode inputLayers = F.arrayNode();
        for (Node in : model.inputs()) inputLayers.add(history(producers.get(in), 0));
        ArrayNode outputLayers = F.arrayNode();
        List<String> outputOps = new ArrayList<>();
        for (Node out : model.outputs()) {
            outputLayers.add(history(producers.get(out), out.isInput() ? 0 : out.index()));
            outputOps.add(producers.get(out));
        }
        Map<String, List<String>> parents = new HashMap<>();
        ops.forEach((n, op) -> parents.put(n, op.parents()));
        List<String> order = KerasOrder.order(parents, outputOps, inputNames);
        ArrayNode layers = F.arrayNode();
        List<Op> layerOrder = new ArrayList<>();
        for (String n : order) {
            Op op = ops.get(n);
            layers.add(op.entry());
            if (op.isLayer()) layerOrder.add(op);
        }
        ObjectNode config = F.objectNode();
        config.put("name", "rnn4j_model");
        config.put("trainable", true);
        config.set("layers", layers);
        // one input or output is written as a single [name, 0, index], as Keras does, so Keras takes a tensor rather than a list
        config.set("input_layers", inputLayers.size() == 1 ? inputLayers.get(0) : inputLayers);
        config.set("output_layers", outputLayers.size() == 1 ? outputLayers.get(0) : outputLayers);
        ObjectNode root = F.objectNode();
        root.put("module", "keras.src.models.functional");
        root.put("class_name", "Functional");
        root.set("config", config);
        root.put("registered_name", "Functional");
        Map<String, List<ModelWeights.Weight>> weights = new LinkedHashMap<>();
        for (Op op : layerOrder) if (op.layer() != null) weights.put(op.name(), ModelWeights.get(model, op.name()));
        return new Exported(root, layerOrder, weights);
    }

    // ---- inputs and masks ----

    private void input(Node in) {
        Input spec = in.input();
        String name = unique(spec.name());
        inputNames.add(name);
        ObjectNode c = F.objectNode();
        ArrayNode shape = c.putArray("batch_shape");
        if (batchSize > 0) shape.add(batchSize);
        else shape.addNull();
        for (long s : spec.shape()) {
            if (s < 0) shape.addNull();
            else shape.add(s);
        }
        c.put("dtype", spec.dtype() == DType.INT32 ? "int32" : "float32");
        c.put("sparse", false);
        c.put("name", name);
        ObjectNode entry = entry("keras.layers", "InputLayer", name, c);
        entry.putArray("inbound_nodes");
        ops.put(name, new Op(name, "InputLayer", true, entry, List.of(), null));
        producers.put(in, name);
        tensors.put(in, tensor(name, 0, in));
        masks.put(in, null);
    }

    /** A tensor reference to output {@code index} of {@code op}: node {@code data}, or a mask [batch, time] when null. */
    private ObjectNode tensor(String op, int index, Node data) {
        ObjectNode t = F.objectNode();
        t.put("class_name", "__keras_tensor__");
        ObjectNode c = t.putObject("config");
        ArrayNode shape = c.putArray("shape").addNull();
        if (data == null) shape.addNull();
        else for (long s : model.shapeOf(data)) {
            if (s < 0) shape.addNull();
            else shape.add(s);
        }
        c.put("dtype", data == null ? "bool" : data.isInput() && data.input().dtype() == DType.INT32 ? "int32" : "float32");
        c.set("keras_history", history(op, index));
        return t;
    }

    private static ArrayNode history(String op, int index) {
        return F.arrayNode().add(op).add(0).add(index);
    }

    /** The tensor of the mask {@code sources} (ops added the first time), for a layer's explicit mask argument. */
    private ObjectNode mask(Set<String> sources, Map<String, Node> sourceNodes) {
        String key = String.join("|", sources);
        ObjectNode done = maskTensors.get(key);
        if (done != null) return done;
        ObjectNode result = null;
        String producer = null;
        for (String s : sources) {
            Node data = sourceNodes.get(s);
            String opName = unique("not_equal");
            ArrayNode a = F.arrayNode().add(tensors.get(data));
            boolean masking = s.startsWith("masking(");
            a.add(masking ? Double.parseDouble(s.substring(s.lastIndexOf(',') + 1, s.length() - 1)) : 0);
            addOp(opName, "NotEqual", "keras.src.ops.numpy", F.objectNode().put("name", opName), a, List.of(producers.get(data)));
            ObjectNode t = tensor(opName, 0, null);
            String p = opName;
            if (masking) {
                String any = unique("any");
                addOp(any, "Any", "keras.src.ops.numpy", F.objectNode().put("name", any).put("axis", -1).put("keepdims", false), F.arrayNode().add(t), List.of(opName));
                t = tensor(any, 0, null);
                p = any;
            }
            if (result != null) {
                String or = unique("logical_or");
                addOp(or, "LogicalOr", "keras.src.ops.numpy", F.objectNode().put("name", or), F.arrayNode().add(result).add(t), List.of(producer, p));
                t = tensor(or, 0, null);
                p = or;
            }
            result = t;
            producer = p;
        }
        maskTensors.put(key, result);
        maskProducers.put(key, producer);
        return result;
    }

    private void addOp(String name, String className, String module, ObjectNode config, ArrayNode args, List<String> parents) {
        ObjectNode entry = entry(module, className, name, config);
        entry.put("registered_name", className);
        ObjectNode node = entry.putArray("inbound_nodes").addObject();
        node.set("args", args);
        node.putObject("kwargs");
        ops.put(name, new Op(name, className, false, entry, parents, null));
    }

    // ---- layers ----

    private void layer(Node.Call call) {
        Layer layer = call.layer();
        String where = "layer '" + layer.name() + "' (" + layer.type() + ")";
        List<Node> in = call.inputs();
        List<Set<String>> inMasks = in.stream().map(masks::get).toList();
        Map<String, Node> sources = new HashMap<>();
        collectSources(in, sources);
        ObjectNode args = F.objectNode();
        TreeMap<String, Object> kwargs = new TreeMap<>(); // Keras flattens keyword arguments by sorted name
        List<String> parents = new ArrayList<>();
        ObjectNode config;
        String className;
        int dataInputs = 1;
        switch (layer) {
            case Recurrent r -> {
                className = recurrentClass(r);
                config = recurrent(r, where, true);
                dataInputs = 1;
                if (in.size() > 1) kwargs.put("initial_state", in.subList(1, in.size()));
                Set<String> m = inMasks.getFirst();
                if (m != null) {
                    if (r.maskInput()) kwargs.put("mask", m);
                    else if (in.size() == 1) throw new IllegalArgumentException(where + " ignores its input's mask (maskInput(false)); Keras applies the mask to a recurrent layer unless it is called with initial_state");
                    if (r.maskSemantics() == Recurrent.MaskSemantics.RNN4J && r.goBackwards() && r.returnSequences()) {
                        throw new IllegalArgumentException(where + " reads masked sequences backwards and returns them in rnn4j's order (outputs from the first valid step);"
                                + " Keras' go_backwards writes them in reversed time order: set maskSemantics(KERAS_ZERO_OUTPUT) to export it");
                    }
                }
            }
            case Bidirectional b -> {
                className = "Bidirectional";
                config = F.objectNode();
                config.set("layer", entry("keras.layers", recurrentClass(b.forwardLayer()), "forward_" + b.forwardLayer().type().toLowerCase(), recurrent(b.forwardLayer(), where, false)));
                config.set("backward_layer", entry("keras.layers", recurrentClass(b.backwardLayer()), "backward_" + b.backwardLayer().type().toLowerCase(), recurrent(b.backwardLayer(), where, false)));
                if (b.mergeMode().equals("none")) config.putNull("merge_mode");
                else config.put("merge_mode", b.mergeMode());
                if (inMasks.getFirst() != null) kwargs.put("mask", inMasks.getFirst());
            }
            case Embedding e -> {
                className = "Embedding";
                config = copy(e.config(), "input_dim", "output_dim", "mask_zero");
            }
            case Dense d -> {
                className = "Dense";
                config = copy(d.config(), "units", "activation", "use_bias");
            }
            case Dropout d -> {
                className = "Dropout";
                config = copy(d.config(), "rate");
            }
            case Masking m -> {
                className = "Masking";
                config = copy(m.config(), "mask_value");
            }
            case Conv1D c -> {
                className = "Conv1D";
                config = copy(c.config(), "filters", "padding", "activation", "use_bias");
                config.putArray("kernel_size").add(((Number) c.config().get("kernel_size")).intValue());
                config.putArray("strides").add(((Number) c.config().get("strides")).intValue());
            }
            case GlobalAveragePooling1D g -> {
                className = "GlobalAveragePooling1D";
                config = F.objectNode();
                if (inMasks.getFirst() != null) kwargs.put("mask", inMasks.getFirst());
            }
            case GlobalMaxPooling1D g -> {
                className = "GlobalMaxPooling1D";
                config = F.objectNode();
            }
            case Concatenate c -> {
                className = "Concatenate";
                config = F.objectNode().put("axis", -1);
                dataInputs = in.size();
            }
            case SequenceAttention a -> {
                Map<String, Object> c = a.config();
                boolean additive = a.score() == SequenceAttention.Score.ADDITIVE;
                className = additive ? "AdditiveAttention" : "Attention";
                config = F.objectNode().put("use_scale", (Boolean) c.get("use_scale")).put("dropout", ((Number) c.get("dropout")).doubleValue());
                if (!additive) config.put("score_mode", a.score() == SequenceAttention.Score.DOT ? "dot" : "concat");
                if (Boolean.TRUE.equals(c.get("return_scores"))) kwargs.put("return_attention_scores", true);
                if (Boolean.TRUE.equals(c.get("causal"))) kwargs.put("use_causal_mask", true);
                dataInputs = in.size();
                if (inMasks.get(0) != null || inMasks.get(1) != null) kwargs.put("mask", List.of(maskOrNull(inMasks.get(0)), maskOrNull(inMasks.get(1))));
            }
            default -> throw new IllegalArgumentException(where + " has no Keras counterpart; rnn4j exports " + LayerConfig.SUPPORTED.replace("InputLayer, ", "")
                    + " (rnn4j's query-vector Attention is not Keras' Attention)");
        }
        config.put("name", layer.name());
        config.put("trainable", true);
        ObjectNode entry = entry("keras.layers", className, layer.name(), config);
        ObjectNode node = entry.putArray("inbound_nodes").addObject();
        ArrayNode a = node.putArray("args");
        if (dataInputs == 1) a.add(tensors.get(in.getFirst()));
        else {
            ArrayNode list = a.addArray();
            for (Node n : in) list.add(tensors.get(n));
        }
        for (Node n : in.subList(0, dataInputs)) parents.add(producers.get(n));
        ObjectNode kw = node.putObject("kwargs");
        for (var e : kwargs.entrySet()) {
            Object v = e.getValue();
            if (e.getKey().equals("mask")) kw.set("mask", maskArgument(v, sources, parents));
            else if (v instanceof List<?> states && e.getKey().equals("initial_state")) {
                ArrayNode s = kw.putArray("initial_state");
                for (Object n : states) {
                    s.add(tensors.get((Node) n));
                    parents.add(producers.get((Node) n));
                }
            } else kw.put(e.getKey(), (Boolean) v);
        }
        ops.put(layer.name(), new Op(layer.name(), className, true, entry, parents, layer));
        List<Set<String>> outMasks = outputMasks(layer, in, inMasks);
        for (int i = 0; i < call.outputs().size(); i++) {
            Node out = call.outputs().get(i);
            producers.put(out, layer.name());
            tensors.put(out, tensor(layer.name(), i, out));
            masks.put(out, i < outMasks.size() ? outMasks.get(i) : null);
        }
    }

    private static Object maskOrNull(Set<String> m) {
        return m == null ? NO_MASK : m;
    }

    private static final Object NO_MASK = new Object();

    @SuppressWarnings("unchecked")
    private JsonNode maskArgument(Object v, Map<String, Node> sources, List<String> parents) {
        if (v instanceof Set<?> s) {
            ObjectNode t = mask((Set<String>) s, sources);
            parents.add(maskProducers.get(String.join("|", (Set<String>) s)));
            return t;
        }
        ArrayNode list = F.arrayNode();
        for (Object m : (List<Object>) v) list.add(m == NO_MASK ? F.nullNode() : maskArgument(m, sources, parents));
        return list;
    }

    /** The data nodes the masks of {@code in} come from (Embedding and Masking inputs, anywhere upstream). */
    private void collectSources(List<Node> in, Map<String, Node> sources) {
        for (Node n : in) {
            if (n.isInput()) continue;
            Node.Call c = n.producer();
            if (c.layer() instanceof Embedding || c.layer() instanceof Masking) sources.put(source(c.layer(), c.inputs().getFirst()), c.inputs().getFirst());
            collectSources(c.inputs(), sources);
        }
    }

    private String source(Layer l, Node data) {
        String ref = producers.get(data) + "[0][" + (data.isInput() ? 0 : data.index()) + "]";
        if (l instanceof Masking m) return "masking(" + ref + "," + ((Number) m.config().get("mask_value")).doubleValue() + ")";
        return "nonzero(" + ref + ")";
    }

    /** rnn4j's output masks, which are Keras' (see ModelImporter). */
    private List<Set<String>> outputMasks(Layer layer, List<Node> in, List<Set<String>> inMasks) {
        Set<String> first = inMasks.getFirst();
        List<Set<String>> out = new ArrayList<>();
        switch (layer) {
            case Embedding e -> out.add(e.maskZero() ? Set.of(source(e, in.getFirst())) : null);
            case Masking m -> out.add(Set.of(source(m, in.getFirst())));
            case Dense d -> out.add(first);
            case Dropout d -> out.add(first);
            case Concatenate c -> {
                Set<String> union = new LinkedHashSet<>();
                for (Set<String> m : inMasks) {
                    if (m == null) return java.util.Collections.singletonList(null);
                    union.addAll(m);
                }
                out.add(union);
            }
            case SequenceAttention a -> out.add(first);
            case Recurrent r -> out.add(r.returnSequences() ? first : null);
            case Bidirectional b -> {
                out.add(b.forwardLayer().returnSequences() ? first : null);
                if (b.mergeMode().equals("none")) out.add(b.forwardLayer().returnSequences() ? first : null);
            }
            default -> out.add(null);
        }
        while (out.size() < layer.outputCount()) out.add(null);
        return out;
    }

    private static String recurrentClass(Recurrent r) {
        return switch (r.mode()) {
            case LSTM -> "LSTM";
            case GRU -> "GRU";
            default -> "SimpleRNN";
        };
    }

    private ObjectNode recurrent(Recurrent r, String where, boolean standalone) {
        ObjectNode c = F.objectNode();
        c.put("units", r.units());
        if (r.mode() == RnnMode.RNN_RELU) c.put("activation", "relu");
        c.put("return_sequences", r.returnSequences());
        c.put("return_state", r.returnState());
        c.put("go_backwards", r.goBackwards());
        c.put("stateful", r.stateful());
        if (r.stateful() && batchSize < 1) {
            throw new IllegalArgumentException(where + " is stateful: Keras needs a fixed batch size for it (KerasFiles.save(model, file, batchSize);"
                    + " rnn4j convert --batch-size N)");
        }
        RnnBiasMode bias = r.biasMode();
        if (r.mode() == RnnMode.GRU && (bias == RnnBiasMode.SINGLE_INP_BIAS || bias == RnnBiasMode.SINGLE_REC_BIAS)) {
            throw new IllegalArgumentException(where + ": a GRU with one bias (" + bias + ") has no Keras counterpart (Keras' GRU has both biases or none)");
        }
        c.put("use_bias", bias != RnnBiasMode.NO_BIAS);
        if (r.mode() == RnnMode.GRU) c.put("reset_after", true);
        if (standalone) c.put("zero_output_for_mask", r.maskSemantics() != Recurrent.MaskSemantics.KERAS_REPEAT_OUTPUT);
        c.put("trainable", true);
        return c;
    }

    private static ObjectNode copy(Map<String, Object> from, String... keys) {
        ObjectNode c = F.objectNode();
        for (String k : keys) c.set(k, JSON.valueToTree(from.get(k)));
        return c;
    }

    private static ObjectNode entry(String module, String className, String name, ObjectNode config) {
        ObjectNode e = F.objectNode();
        e.put("module", module);
        e.put("class_name", className);
        if (!config.has("name")) config.put("name", name);
        e.set("config", config);
        e.putNull("registered_name");
        e.put("name", name);
        return e;
    }

    private String unique(String base) {
        String n = base;
        for (int i = 1; !names.add(n); i++) n = base + "_" + i;
        return n;
    }
}

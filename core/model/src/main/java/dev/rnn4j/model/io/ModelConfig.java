package dev.rnn4j.model.io;

import dev.rnn4j.model.Input;
import dev.rnn4j.model.Layer;
import dev.rnn4j.model.Model;
import dev.rnn4j.model.Node;
import dev.rnn4j.model.layers.Layers;
import dev.rnn4j.tensor.DType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's architecture as JSON-friendly maps: inputs, layer calls in graph order (type, name, options,
 * inbound node references "input:i" or "layer:outputIndex", with "layer@call:outputIndex" for the outputs of
 * a shared layer's later calls) and outputs; and the way back, where a layer named in several calls is created
 * once and called again (shared). A model whose inputs are inner nodes of another graph is described with
 * those nodes as plain inputs of their shape (float32).
 */
public final class ModelConfig {

    public static final String FORMAT = "rnn4j-model/1";

    private ModelConfig() {
    }

    public static Map<String, Object> describe(Model model) {
        Map<Node, String> refs = new IdentityHashMap<>();
        List<Object> inputs = new ArrayList<>();
        for (int i = 0; i < model.inputs().size(); i++) {
            Node n = model.inputs().get(i);
            refs.put(n, "input:" + i);
            if (n.shape() == null) throw new IllegalStateException("model input " + n + " has no known shape: build the model first");
            String name = n.isInput() ? n.input().name() : n.producer().layer().name() + "_" + n.index();
            inputs.add(Map.of("name", name, "dtype", n.dtype().name(), "shape", toList(n.shape())));
        }
        List<Object> layers = new ArrayList<>();
        Map<Layer, Integer> calls = new IdentityHashMap<>();
        for (Node.Call call : model.calls()) {
            int index = calls.merge(call.layer(), 1, Integer::sum) - 1;
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", call.layer().name());
            entry.put("type", call.layer().type());
            entry.put("config", call.layer().config());
            entry.put("inbound", call.inputs().stream().map(n -> ref(n, refs)).toList());
            layers.add(entry);
            String prefix = call.layer().name() + (index == 0 ? "" : "@" + index);
            for (int k = 0; k < call.outputs().size(); k++) refs.put(call.outputs().get(k), prefix + ":" + k);
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("format", FORMAT);
        config.put("inputs", inputs);
        config.put("layers", layers);
        config.put("outputs", model.outputs().stream().map(n -> ref(n, refs)).toList());
        return config;
    }

    @SuppressWarnings("unchecked")
    public static Model rebuild(Map<String, Object> config) {
        if (!FORMAT.equals(config.get("format"))) throw new IllegalArgumentException("unknown model format " + config.get("format") + ", expected " + FORMAT);
        Map<String, Node> nodes = new HashMap<>();
        List<Node> inputs = new ArrayList<>();
        List<Map<String, Object>> ins = (List<Map<String, Object>>) config.get("inputs");
        for (int i = 0; i < ins.size(); i++) {
            Map<String, Object> in = ins.get(i);
            long[] shape = ((List<Number>) in.get("shape")).stream().mapToLong(Number::longValue).toArray();
            Node n = new Input((String) in.get("name"), dtype((String) in.get("dtype")), shape).node();
            nodes.put("input:" + i, n);
            inputs.add(n);
        }
        Map<String, Layer> byName = new HashMap<>();
        Map<String, Integer> calls = new HashMap<>();
        for (Map<String, Object> entry : (List<Map<String, Object>>) config.get("layers")) {
            String name = (String) entry.get("name");
            Layer layer = byName.get(name);
            if (layer == null) {
                layer = Layers.fromConfig((String) entry.get("type"), (Map<String, Object>) entry.get("config"));
                layer.setName(name);
                byName.put(name, layer);
            } else if (!layer.type().equals(entry.get("type"))) {
                throw new IllegalArgumentException("model config names two layers of types " + layer.type() + " and " + entry.get("type") + " '" + name + "'");
            }
            int index = calls.merge(name, 1, Integer::sum) - 1;
            List<Node> inbound = ((List<String>) entry.get("inbound")).stream().map(r -> lookup(nodes, r)).toList();
            List<Node> outs = layer.apply(inbound);
            String prefix = name + (index == 0 ? "" : "@" + index);
            for (int k = 0; k < outs.size(); k++) nodes.put(prefix + ":" + k, outs.get(k));
        }
        List<Node> outputs = ((List<String>) config.get("outputs")).stream().map(r -> lookup(nodes, r)).toList();
        return Model.functional(inputs, outputs);
    }

    private static DType dtype(String name) {
        for (DType d : DType.values()) if (d.name().equals(name)) return d;
        throw new IllegalArgumentException("model config has an input of unknown dtype '" + name + "'");
    }

    private static Node lookup(Map<String, Node> nodes, String ref) {
        Node n = nodes.get(ref);
        if (n == null) throw new IllegalArgumentException("model config refers to unknown node '" + ref + "'");
        return n;
    }

    private static String ref(Node n, Map<Node, String> refs) {
        String r = refs.get(n);
        if (r == null) throw new IllegalStateException("node " + n + " is not produced before it is used");
        return r;
    }

    private static List<Long> toList(long[] a) {
        List<Long> l = new ArrayList<>();
        for (long v : a) l.add(v);
        return l;
    }
}

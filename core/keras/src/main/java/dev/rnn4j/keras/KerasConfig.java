package dev.rnn4j.keras;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Keras model config (config.json of a .keras archive, or the model_config attribute of a legacy .h5) as a list
 * of layer and op entries with their calls: Sequential models become a chain, Functional models keep their
 * inbound nodes, in Keras 3's form ({"args": [...], "kwargs": {...}} with "__keras_tensor__" references) or Keras 2's
 * ([[name, node, index, kwargs], ...]).
 */
final class KerasConfig {

    /** Output {@code index} of call {@code node} of layer {@code layer}; {@code shape} as Keras recorded it, or null. */
    record Ref(String layer, int node, int index, List<Long> shape) {
        String key() {
            return layer + "[" + node + "][" + index + "]";
        }
    }

    /** One call of a layer: positional arguments (a Ref, a List of arguments, or a constant JsonNode) and keyword arguments. */
    record Call(List<Object> args, Map<String, Object> kwargs, boolean keras2) {
    }

    /** A layer (or, in Keras 3 functional graphs, an op such as NotEqual that computes a mask). */
    record Entry(String name, String className, JsonNode config, boolean op, List<Call> calls) {
    }

    final boolean sequential;
    final List<Entry> entries;
    final List<Ref> inputs;
    final List<Ref> outputs;
    /** Sequential models built without an InputLayer: the build input shape (with the batch dimension), else null. */
    final List<Long> buildInputShape;

    private KerasConfig(boolean sequential, List<Entry> entries, List<Ref> inputs, List<Ref> outputs, List<Long> buildInputShape) {
        this.sequential = sequential;
        this.entries = entries;
        this.inputs = inputs;
        this.outputs = outputs;
        this.buildInputShape = buildInputShape;
    }

    static KerasConfig parse(JsonNode root, String source) {
        if (root == null || !root.isObject()) throw new IllegalArgumentException(source + ": the model config is not a JSON object");
        String cls = root.path("class_name").asText("");
        JsonNode config = root.get("config");
        if (config == null || !config.isObject()) throw new IllegalArgumentException(source + ": the model config has no \"config\" object");
        JsonNode layers = config.get("layers");
        if (layers == null || !layers.isArray()) throw new IllegalArgumentException(source + ": the model config has no \"layers\" list");
        return switch (cls) {
            case "Sequential" -> sequential(config, layers, source);
            case "Functional", "Model" -> functional(config, layers, source);
            default -> throw new IllegalArgumentException(source + ": the model is a " + cls + "; rnn4j imports Sequential and Functional models (a subclassed"
                    + " Model has no config to rebuild it from)");
        };
    }

    private static KerasConfig sequential(JsonNode config, JsonNode layers, String source) {
        List<Entry> entries = new ArrayList<>();
        String previous = null;
        List<Ref> inputs = new ArrayList<>();
        for (JsonNode l : layers) {
            String cls = l.path("class_name").asText("");
            JsonNode c = l.get("config");
            String name = c != null && c.path("name").isTextual() ? c.path("name").asText() : l.path("name").asText("");
            if (name.isEmpty()) throw new IllegalArgumentException(source + ": a " + cls + " layer has no name");
            if (cls.equals("InputLayer")) {
                if (previous != null) throw new IllegalArgumentException(source + ": InputLayer '" + name + "' is not the first layer of the Sequential model");
                entries.add(new Entry(name, cls, c, false, List.of()));
                inputs.add(new Ref(name, 0, 0, null));
            } else {
                List<Call> calls = previous == null ? List.of() : List.of(new Call(List.of(new Ref(previous, 0, 0, null)), Map.of(), false));
                entries.add(new Entry(name, cls, c, false, calls));
            }
            previous = name;
        }
        if (previous == null) throw new IllegalArgumentException(source + ": the Sequential model has no layers");
        List<Long> build = shape(config.get("build_input_shape"));
        return new KerasConfig(true, entries, inputs, List.of(new Ref(previous, 0, 0, null)), build);
    }

    private static KerasConfig functional(JsonNode config, JsonNode layers, String source) {
        List<Entry> entries = new ArrayList<>();
        for (JsonNode l : layers) {
            String cls = l.path("class_name").asText("");
            String name = l.path("name").asText(l.path("config").path("name").asText(""));
            if (name.isEmpty()) throw new IllegalArgumentException(source + ": a " + cls + " entry has no name");
            JsonNode c = l.get("config");
            String module = l.path("module").asText("");
            // ops (keras.src.ops.*) carry no "trainable" option; legacy .h5 configs have no "module"
            boolean op = module.startsWith("keras.src.ops") || (module.isEmpty() && c != null && c.isObject() && !c.has("trainable") && !cls.equals("InputLayer"));
            List<Call> calls = new ArrayList<>();
            JsonNode inbound = l.get("inbound_nodes");
            if (inbound != null && inbound.isArray()) for (JsonNode n : inbound) calls.add(call(n, source, name));
            entries.add(new Entry(name, cls, c, op, calls));
        }
        return new KerasConfig(false, entries, refs(config.get("input_layers"), source, "input_layers"), refs(config.get("output_layers"), source, "output_layers"), null);
    }

    private static Call call(JsonNode node, String source, String layer) {
        if (node.isObject()) {
            List<Object> args = new ArrayList<>();
            JsonNode a = node.get("args");
            if (a != null && a.isArray()) for (JsonNode x : a) args.add(argument(x));
            Map<String, Object> kwargs = new LinkedHashMap<>();
            JsonNode k = node.get("kwargs");
            if (k != null && k.isObject()) k.properties().forEach(e -> kwargs.put(e.getKey(), argument(e.getValue())));
            return new Call(args, kwargs, false);
        }
        if (node.isArray()) { // Keras 2: [[name, node_index, tensor_index, kwargs], ...]
            List<Object> refs = new ArrayList<>();
            Map<String, Object> kwargs = new LinkedHashMap<>();
            for (JsonNode r : node) {
                if (!r.isArray() || r.size() < 3) throw new IllegalArgumentException(source + ": layer '" + layer + "' has a malformed inbound node " + r);
                refs.add(new Ref(r.get(0).asText(), r.get(1).asInt(), r.get(2).asInt(), null));
                if (r.size() > 3 && r.get(3).isObject()) r.get(3).properties().forEach(e -> kwargs.put(e.getKey(), argument(e.getValue())));
            }
            return new Call(refs.size() == 1 ? List.of(refs.getFirst()) : List.of(refs), kwargs, true);
        }
        throw new IllegalArgumentException(source + ": layer '" + layer + "' has a malformed inbound node " + node);
    }

    /** A Ref for a "__keras_tensor__", a List for an array, the JsonNode itself for a constant. */
    private static Object argument(JsonNode x) {
        if (x.isObject() && "__keras_tensor__".equals(x.path("class_name").asText())) {
            JsonNode c = x.path("config");
            JsonNode h = c.path("keras_history");
            if (!h.isArray() || h.size() < 3) throw new IllegalArgumentException("a tensor reference lacks keras_history: " + x);
            return new Ref(h.get(0).asText(), h.get(1).asInt(), h.get(2).asInt(), shape(c.get("shape")));
        }
        if (x.isArray()) {
            List<Object> l = new ArrayList<>();
            for (JsonNode e : x) l.add(argument(e));
            return l;
        }
        return x;
    }

    private static List<Ref> refs(JsonNode node, String source, String what) {
        if (node == null || !node.isArray() || node.isEmpty()) throw new IllegalArgumentException(source + ": the Functional model config has no " + what);
        List<Ref> out = new ArrayList<>();
        if (node.get(0).isTextual()) out.add(ref(node, source, what)); // a single [name, node, index]
        else for (JsonNode r : node) out.add(ref(r, source, what));
        return out;
    }

    private static Ref ref(JsonNode r, String source, String what) {
        if (!r.isArray() || r.size() < 3 || !r.get(0).isTextual()) throw new IllegalArgumentException(source + ": malformed entry in " + what + ": " + r);
        return new Ref(r.get(0).asText(), r.get(1).asInt(), r.get(2).asInt(), null);
    }

    /** A shape list (nulls as -1), or null. */
    static List<Long> shape(JsonNode s) {
        if (s == null || !s.isArray()) return null;
        List<Long> out = new ArrayList<>();
        for (JsonNode d : s) out.add(d.isNull() ? -1L : d.asLong());
        return out;
    }
}

package dev.rnn4j.keras;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rnn4j.model.Input;
import dev.rnn4j.model.Layer;
import dev.rnn4j.model.Model;
import dev.rnn4j.model.Node;
import dev.rnn4j.model.layers.Recurrent;
import dev.rnn4j.model.layers.SequenceAttention;
import dev.rnn4j.tensor.DType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns a {@link KerasConfig} into an unbuilt rnn4j {@link Model} whose layers compute what Keras computes,
 * masks included: it follows Keras' rules for which mask each layer call gets (Keras 3: the first argument's mask
 * when the call has no other tensor argument, or the mask the config names; Keras 2: the first input's mask) and for
 * the masks layers give their outputs, and makes rnn4j use the same ones, or says why it cannot.
 */
final class ModelImporter {

    private final String source;
    private final KerasConfig config;
    private final List<String> notes;
    private final Map<String, KerasConfig.Entry> entries = new HashMap<>();
    private final Map<String, Node> nodes = new HashMap<>();
    private final Map<String, Integer> ranks = new HashMap<>();
    private final Map<String, Set<String>> masks = new HashMap<>();
    private final Map<String, KerasMasks.Sym> symbols = new HashMap<>();
    private final Map<String, Node> inputs = new HashMap<>();
    private final Set<String> done = new HashSet<>();

    private ModelImporter(String source, KerasConfig config, List<String> notes) {
        this.source = source;
        this.config = config;
        this.notes = notes;
    }

    /** The model (not built) and, in model order, the Keras layers whose weights it needs. */
    static Model importModel(String source, KerasConfig config, List<String> notes) {
        return new ModelImporter(source, config, notes).run();
    }

    private Model run() {
        for (KerasConfig.Entry e : config.entries) {
            if (entries.put(e.name(), e) != null) throw new IllegalArgumentException(source + ": two layers are named '" + e.name() + "'");
        }
        if (config.sequential && config.inputs.isEmpty()) implicitSequentialInput();
        int remaining = config.entries.size();
        while (remaining > 0) {
            int before = remaining;
            for (KerasConfig.Entry e : config.entries) {
                if (done.contains(e.name()) || !ready(e)) continue;
                visit(e);
                done.add(e.name());
                remaining--;
            }
            if (remaining == before) {
                List<String> stuck = config.entries.stream().map(KerasConfig.Entry::name).filter(n -> !done.contains(n)).toList();
                throw new IllegalArgumentException(source + ": layers " + stuck + " refer to tensors that no layer produces (or to each other in a cycle)");
            }
        }
        List<Node> in = new ArrayList<>();
        for (KerasConfig.Ref r : config.inputs) in.add(Objects.requireNonNull(inputs.get(r.layer()), () -> source + ": model input '" + r.layer() + "' is not an InputLayer"));
        if (in.isEmpty()) in.addAll(inputs.values());
        List<Node> out = new ArrayList<>();
        for (KerasConfig.Ref r : config.outputs) out.add(data(r, "the model outputs"));
        return Model.functional(in, out);
    }

    private boolean ready(KerasConfig.Entry e) {
        if (e.calls().size() != 1) return true; // reported by visit
        for (KerasConfig.Ref r : refs(e.calls().getFirst().args())) if (!known(r)) return false;
        for (Object v : e.calls().getFirst().kwargs().values()) for (KerasConfig.Ref r : refs(List.of(v))) if (!known(r)) return false;
        return true;
    }

    private boolean known(KerasConfig.Ref r) {
        return nodes.containsKey(r.key()) || symbols.containsKey(r.key());
    }

    private void visit(KerasConfig.Entry e) {
        if (e.className().equals("InputLayer")) {
            input(e);
            return;
        }
        if (e.calls().isEmpty()) {
            if (config.sequential && config.entries.getFirst() == e && !inputs.isEmpty()) { // built from build_input_shape
                layer(e, new KerasConfig.Call(List.of(new KerasConfig.Ref(inputs.keySet().iterator().next(), 0, 0, null)), Map.of(), false));
                return;
            }
            throw new IllegalArgumentException(source + ": layer '" + e.name() + "' (" + e.className() + ") is never called; rnn4j imports layers that are part of the graph");
        }
        if (e.calls().size() > 1) {
            throw new IllegalArgumentException(source + ": layer '" + e.name() + "' (" + e.className() + ") is called " + e.calls().size()
                    + " times (a shared layer); rnn4j imports layers that are called once");
        }
        if (e.op()) op(e);
        else layer(e, e.calls().getFirst());
    }

    // ---- inputs ----

    private void implicitSequentialInput() {
        KerasConfig.Entry first = config.entries.getFirst();
        List<Long> shape = config.buildInputShape;
        JsonNode c = first.config();
        if (shape == null && c != null) shape = KerasConfig.shape(c.has("batch_input_shape") ? c.get("batch_input_shape") : c.get("batch_shape"));
        if (shape == null) throw new IllegalArgumentException(source + ": the Sequential model has no InputLayer and no input shape; rnn4j needs the model built");
        String dtype = c != null && c.path("dtype").isTextual() && !first.className().equals("Embedding") ? c.path("dtype").asText() : null;
        String name = "input_layer";
        addInput(name, shape, first.className().equals("Embedding") ? DType.INT32 : dtype(dtype, name));
    }

    private void input(KerasConfig.Entry e) {
        JsonNode c = e.config();
        List<Long> shape = c == null ? null : KerasConfig.shape(c.has("batch_shape") ? c.get("batch_shape") : c.get("batch_input_shape"));
        if (shape == null) throw new IllegalArgumentException(source + ": InputLayer '" + e.name() + "' has no batch_shape");
        if (c.path("sparse").asBoolean(false) || c.path("ragged").asBoolean(false)) {
            throw new IllegalArgumentException(source + ": InputLayer '" + e.name() + "' is sparse or ragged; rnn4j imports dense inputs");
        }
        String dtype = c.path("dtype").isTextual() ? c.path("dtype").asText() : c.path("dtype").path("config").path("name").asText(null);
        addInput(e.name(), shape, feedsOnlyEmbeddings(e.name()) ? DType.INT32 : dtype(dtype, e.name()));
    }

    private DType dtype(String kerasDtype, String input) {
        if (kerasDtype == null || kerasDtype.equals("float32")) return DType.FLOAT32;
        if (kerasDtype.startsWith("int") || kerasDtype.startsWith("uint")) return DType.INT32;
        throw new IllegalArgumentException(source + ": input '" + input + "' has dtype " + kerasDtype + "; rnn4j imports float32 and integer inputs"
                + (kerasDtype.equals("string") ? " (a TextVectorization layer inside the model is not imported: load its vocabulary as the tokenizer)" : ""));
    }

    private boolean feedsOnlyEmbeddings(String input) {
        if (config.sequential) return config.entries.size() > 1 && config.entries.get(1).className().equals("Embedding");
        boolean any = false;
        for (KerasConfig.Entry e : config.entries) {
            for (KerasConfig.Call call : e.calls()) {
                for (KerasConfig.Ref r : refs(call.args())) {
                    if (!r.layer().equals(input)) continue;
                    if (!e.className().equals("Embedding")) return false;
                    any = true;
                }
            }
        }
        return any;
    }

    private void addInput(String name, List<Long> batchShape, DType dtype) {
        if (batchShape.size() < 2) throw new IllegalArgumentException(source + ": input '" + name + "' has shape " + batchShape + "; rnn4j needs [batch, ...] with at least one more axis");
        long[] shape = new long[batchShape.size() - 1];
        for (int i = 0; i < shape.length; i++) shape[i] = batchShape.get(i + 1);
        Node n = new Input(name, dtype, shape).node();
        String key = new KerasConfig.Ref(name, 0, 0, null).key();
        nodes.put(key, n);
        ranks.put(key, batchShape.size());
        masks.put(key, null);
        inputs.put(name, n);
    }

    // ---- ops (mask computations) ----

    private void op(KerasConfig.Entry e) {
        KerasConfig.Call call = e.calls().getFirst();
        String where = source + ": op '" + e.name() + "'";
        List<KerasMasks.Sym> args = new ArrayList<>();
        for (Object a : call.args()) args.add(symbol(a, where));
        symbols.put(new KerasConfig.Ref(e.name(), 0, 0, null).key(), KerasMasks.evaluate(e.className(), e.config(), args, where));
    }

    private KerasMasks.Sym symbol(Object arg, String where) {
        if (arg instanceof KerasConfig.Ref r) {
            KerasMasks.Sym s = symbols.get(r.key());
            if (s != null) return s;
            int rank = r.shape() != null ? r.shape().size() : ranks.getOrDefault(r.key(), -1);
            return new KerasMasks.Data(r, rank);
        }
        if (arg instanceof List<?> l) return new KerasMasks.ListSym(l.stream().map(x -> symbol(x, where)).toList());
        if (arg instanceof JsonNode j && j.isNumber()) return new KerasMasks.Const(j.asDouble());
        throw new IllegalArgumentException(where + ": unsupported argument " + arg);
    }

    // ---- layers ----

    private void layer(KerasConfig.Entry e, KerasConfig.Call call) {
        if (call.args().isEmpty()) throw new IllegalArgumentException(source + ": layer '" + e.name() + "' (" + e.className() + ") is called without inputs");
        Object first = call.args().getFirst();
        List<KerasConfig.Ref> data = refs(List.of(first));
        if (call.args().size() > 1) throw new IllegalArgumentException(source + ": layer '" + e.name() + "' (" + e.className() + ") is called with extra positional arguments " + call.args().subList(1, call.args().size()));
        List<KerasConfig.Ref> states = new ArrayList<>();
        boolean scores = false, causal = false;
        KerasConfig.Ref explicitMask = null;
        List<Object> explicitMasks = null;
        int tensorArguments = 1;
        for (var kw : call.kwargs().entrySet()) {
            Object v = kw.getValue();
            switch (kw.getKey()) {
                case "training" -> {
                }
                case "mask" -> {
                    if (v instanceof KerasConfig.Ref r) explicitMask = r;
                    else if (v instanceof List<?> l) explicitMasks = new ArrayList<>(l);
                    else if (!(v instanceof JsonNode j && j.isNull())) throw new IllegalArgumentException(source + ": layer '" + e.name() + "': unsupported mask argument " + v);
                }
                case "initial_state" -> {
                    states.addAll(refs(List.of(v)));
                    tensorArguments++;
                }
                case "return_attention_scores" -> scores = v instanceof JsonNode j && j.asBoolean(false);
                case "use_causal_mask" -> causal = v instanceof JsonNode j && j.asBoolean(false);
                default -> throw new IllegalArgumentException(source + ": layer '" + e.name() + "' (" + e.className() + ") is called with " + kw.getKey() + "="
                        + v + ", which rnn4j does not import");
            }
        }
        LayerConfig options = new LayerConfig(e.name(), e.className(), e.config(), notes);
        Layer layer = LayerImporter.create(options, new LayerImporter.CallOptions(scores, causal, !states.isEmpty()));
        List<Node> in = new ArrayList<>();
        for (KerasConfig.Ref r : data) in.add(data(r, "layer '" + e.name() + "'"));
        if (!states.isEmpty()) {
            if (!(layer instanceof Recurrent)) throw options.error("is called with initial_state; rnn4j imports initial states of SimpleRNN, LSTM and GRU layers");
            for (KerasConfig.Ref r : states) in.add(data(r, "layer '" + e.name() + "' (initial_state)"));
        }
        List<Set<String>> dataMasks = data.stream().map(r -> masks.get(r.key())).map(ModelImporter::normal).toList();
        // the mask Keras gives the call: named in the config, or taken from the inputs when they are the call's only tensors (Keras 2: always)
        List<Set<String>> callMasks;
        if (explicitMask != null) callMasks = List.of(maskOf(explicitMask, e));
        else if (explicitMasks != null) callMasks = explicitMasks.stream().map(m -> m instanceof KerasConfig.Ref r ? maskOf(r, e) : null).toList();
        else callMasks = call.keras2() || tensorArguments == 1 ? dataMasks : java.util.Collections.nCopies(dataMasks.size(), null);
        checkMasks(options, layer, callMasks, dataMasks, explicitMask != null || explicitMasks != null);
        List<Node> outs = layer.apply(in);
        List<Set<String>> outMasks = outputMasks(e, layer, data, callMasks.isEmpty() || callMasks.getFirst() == null ? dataMasks.getFirst() : callMasks.getFirst(), dataMasks);
        for (int i = 0; i < outs.size(); i++) {
            String key = new KerasConfig.Ref(e.name(), 0, i, null).key();
            nodes.put(key, outs.get(i));
            masks.put(key, i < outMasks.size() ? outMasks.get(i) : null);
            ranks.put(key, -1);
        }
    }

    /** Makes rnn4j use the masks Keras gives the call, or says why it cannot. */
    private void checkMasks(LayerConfig c, Layer layer, List<Set<String>> keras, List<Set<String>> rnn4j, boolean explicit) {
        boolean readsMask = layer instanceof Recurrent || layer instanceof dev.rnn4j.model.layers.Bidirectional || layer instanceof SequenceAttention
                || layer instanceof dev.rnn4j.model.layers.GlobalAveragePooling1D;
        List<Set<String>> k = keras.stream().map(ModelImporter::normal).toList();
        if (!readsMask) {
            if (explicit && !k.getFirst().equals(rnn4j.getFirst())) throw c.error("is given a mask that differs from its input's; rnn4j cannot import an explicit mask argument");
            return;
        }
        int used = layer instanceof SequenceAttention ? Math.min(2, rnn4j.size()) : 1;
        boolean same = true;
        for (int i = 0; i < used; i++) same &= Objects.equals(i < k.size() ? k.get(i) : null, rnn4j.get(i));
        if (same) return;
        if (layer instanceof Recurrent r && (k.isEmpty() || k.getFirst() == null) && rnn4j.getFirst() != null) {
            r.maskInput(false); // Keras 3 gives no mask to an RNN called with initial_state
            return;
        }
        throw c.error("Keras gives it the mask " + k + " while its inputs carry " + rnn4j.subList(0, used) + "; rnn4j cannot reproduce that");
    }

    /** Keras' output masks of a layer call ({@code previous}: the call's mask, or its first input's). */
    private List<Set<String>> outputMasks(KerasConfig.Entry e, Layer layer, List<KerasConfig.Ref> data, Set<String> previous, List<Set<String>> dataMasks) {
        JsonNode c = e.config();
        return switch (e.className()) {
            case "Embedding" -> one(c.path("mask_zero").asBoolean(false) ? KerasMasks.nonzero(data.getFirst()) : null);
            case "Masking" -> one(KerasMasks.masking(data.getFirst(), c.path("mask_value").asDouble(0.0)));
            case "Dense", "Dropout" -> one(normal(previous));
            case "Concatenate" -> one(normal(KerasMasks.union(dataMasks)));
            case "Attention", "AdditiveAttention" -> {
                List<Set<String>> out = new ArrayList<>();
                out.add(dataMasks.getFirst());
                if (layer.outputCount() > 1) out.add(null);
                yield out;
            }
            case "SimpleRNN", "LSTM", "GRU", "Bidirectional" -> {
                boolean sequences = e.className().equals("Bidirectional") ? c.path("layer").path("config").path("return_sequences").asBoolean(false)
                        : c.path("return_sequences").asBoolean(false);
                List<Set<String>> out = new ArrayList<>();
                int merged = e.className().equals("Bidirectional") && c.path("merge_mode").isNull() ? 2 : 1;
                for (int i = 0; i < layer.outputCount(); i++) out.add(sequences && i < merged ? normal(previous) : null);
                yield out;
            }
            default -> java.util.Collections.nCopies(layer.outputCount(), null);
        };
    }

    private Set<String> maskOf(KerasConfig.Ref r, KerasConfig.Entry e) {
        KerasMasks.Sym s = symbols.get(r.key());
        if (s instanceof KerasMasks.Mask m) return normal(m.sources());
        throw new IllegalArgumentException(source + ": layer '" + e.name() + "' (" + e.className() + ") is given a mask computed as " + s
                + ", which rnn4j does not recognise");
    }

    /** No mask for "every step valid". */
    private static Set<String> normal(Set<String> m) {
        return m == null || m.contains(KerasMasks.ALL) ? null : m;
    }

    private static List<Set<String>> one(Set<String> m) {
        return java.util.Collections.singletonList(m);
    }

    private Node data(KerasConfig.Ref r, String usedBy) {
        Node n = nodes.get(r.key());
        if (n != null) return n;
        if (symbols.containsKey(r.key())) {
            throw new IllegalArgumentException(source + ": " + usedBy + " uses the output of Keras op '" + r.layer() + "' (" + entries.get(r.layer()).className()
                    + ") as data; rnn4j imports layers (ops only where Keras computes masks)");
        }
        throw new IllegalArgumentException(source + ": " + usedBy + " refers to output " + r.index() + " of '" + r.layer() + "', which does not exist");
    }

    /** Every tensor reference in an argument structure. */
    private static List<KerasConfig.Ref> refs(List<Object> args) {
        List<KerasConfig.Ref> out = new ArrayList<>();
        for (Object a : args) {
            if (a instanceof KerasConfig.Ref r) out.add(r);
            else if (a instanceof List<?> l) out.addAll(refs(new ArrayList<>(l)));
        }
        return out;
    }
}

package dev.rnn4j.model;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.backend.CounterRandom;
import dev.rnn4j.model.train.Callback;
import dev.rnn4j.model.train.Dataset;
import dev.rnn4j.model.train.FitOptions;
import dev.rnn4j.model.train.History;
import dev.rnn4j.model.train.Loss;
import dev.rnn4j.model.train.Metric;
import dev.rnn4j.model.train.Optimizer;
import dev.rnn4j.model.train.Trainer;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A graph of layer calls from input nodes to output nodes ({@link Sequential} builds a chain; {@link #functional}
 * any DAG). {@link #build} creates the weights on a backend; {@link #call} runs a forward pass on a tape;
 * {@link #compile}/{@link #fit}/{@link #evaluate}/{@link #predict} are the Keras workflow (delegated to {@link Trainer}).
 *
 * <p><b>Shared layers and models that share weights.</b> A layer may be called at several nodes, in one model or
 * in several: it is built (its weights created) for the first call a model builds, and every call uses those
 * weights, so gradients from all calls add up. A model's inputs may be any nodes, not only {@link Input}s: a
 * model made from nodes of another model's graph (Keras' {@code Model(model.input, model.get_layer("attention").output)})
 * runs the same layer calls on the same weights; when its inputs are inner nodes of that graph, the caller
 * gives their values. Such a model is built on the same device after the model whose weights it uses; the
 * weights belong to the model that built them (its {@link #close()} frees them), so close the sharing models first.
 */
public final class Model implements AutoCloseable {

    private final List<Node> inputs;
    private final List<Node> outputs;
    private final List<Node.Call> order;
    private final List<Layer> layers;
    private final Set<Layer> owned = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private Backend backend;
    private TensorScope weights;
    private long seed;
    private long passCounter;
    private Trainer trainer;
    private List<long[]> outputShapes;
    private Workspaces workspaces;

    private Model(List<Node> inputs, List<Node> outputs) {
        if (inputs == null || inputs.isEmpty()) throw new IllegalArgumentException("a model needs at least one input");
        if (outputs == null || outputs.isEmpty()) throw new IllegalArgumentException("a model needs at least one output");
        Set<Node> distinct = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Node n : inputs) {
            Objects.requireNonNull(n, "input node");
            if (!distinct.add(n)) throw new IllegalArgumentException(n + " is given twice as a model input");
        }
        for (Node n : outputs) Objects.requireNonNull(n, "output node");
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        this.order = topologicalOrder();
        List<Layer> unique = new ArrayList<>();
        Set<Layer> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Node.Call c : order) if (seen.add(c.layer())) unique.add(c.layer());
        this.layers = List.copyOf(unique);
        makeNamesUnique();
    }

    /**
     * A model from {@code inputs} to {@code outputs}: nodes made by {@link Input} and {@link Layer#apply}, from this
     * graph or another model's (then the layers, and their weights, are shared).
     */
    public static Model functional(List<Node> inputs, List<Node> outputs) {
        return new Model(inputs, outputs);
    }

    /** Single input, single output. */
    public static Model functional(Node input, Node output) {
        return new Model(List.of(input), List.of(output));
    }

    // ---- graph ----

    private List<Node.Call> topologicalOrder() {
        List<Node.Call> result = new ArrayList<>();
        Set<Node.Call> done = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        Set<Node.Call> active = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        Set<Node> declared = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        declared.addAll(inputs);
        for (Node out : outputs) visit(out, result, done, active, declared);
        return List.copyOf(result);
    }

    private void visit(Node node, List<Node.Call> result, Set<Node.Call> done, Set<Node.Call> active, Set<Node> declared) {
        if (declared.contains(node)) return;
        if (node.isInput()) throw new IllegalArgumentException("output depends on " + node + ", which is not among the model inputs");
        Node.Call call = node.producer();
        if (done.contains(call)) return;
        if (!active.add(call)) throw new IllegalArgumentException("cycle through layer " + call.layer().name());
        for (Node in : call.inputs()) visit(in, result, done, active, declared);
        active.remove(call);
        done.add(call);
        result.add(call);
    }

    /** Built layers keep their names (their parameters are named after them); unbuilt ones get a suffix where needed. */
    private void makeNamesUnique() {
        Map<String, Integer> counts = new HashMap<>();
        Map<String, Layer> used = new HashMap<>();
        for (Layer l : layers) {
            if (!l.isBuilt()) continue;
            Layer other = used.putIfAbsent(l.name(), l);
            if (other != null) throw new IllegalArgumentException("two built layers are named '" + l.name() + "' (" + other + " and " + l + "); one model cannot hold both");
        }
        for (Layer l : layers) {
            if (l.isBuilt()) continue;
            String base = l.name();
            String name = base;
            while (used.putIfAbsent(name, l) != null) name = base + "_" + counts.merge(base, 1, Integer::sum);
            if (!name.equals(l.name())) l.setName(name);
        }
    }

    public List<Layer> layers() {
        return layers;
    }

    public Layer layer(String name) {
        for (Layer l : layers) if (l.name().equals(name)) return l;
        throw new IllegalArgumentException("no layer named '" + name + "'; layers: " + layers.stream().map(Layer::name).toList());
    }

    /** The output nodes of the first call of layer {@code name} in this model (Keras' {@code get_layer(name).output}). */
    public List<Node> outputsOf(String name) {
        return outputsOf(name, 0);
    }

    /** The output nodes of call {@code callIndex} (0-based, in execution order) of layer {@code name}: a shared layer has several. */
    public List<Node> outputsOf(String name, int callIndex) {
        List<Node.Call> calls = callsOf(layer(name));
        if (callIndex < 0 || callIndex >= calls.size()) {
            throw new IllegalArgumentException("layer '" + name + "' is called " + calls.size() + " time(s) in this model; no call " + callIndex);
        }
        return calls.get(callIndex).outputs();
    }

    /** The calls of {@code layer} in this model, in execution order. */
    List<Node.Call> callsOf(Layer layer) {
        return order.stream().filter(c -> c.layer() == layer).toList();
    }

    public List<Node> inputs() {
        return inputs;
    }

    public List<Node> outputs() {
        return outputs;
    }

    /**
     * One name per output, the keys of per-output losses, weights and metrics in {@link #compile(Optimizer, Map,
     * Map, Map)} and of the logs: the producing layer's name, with "_k" for its output k > 0 (an LSTM's states,
     * attention weights) and "_call" + i for a shared layer's call i > 0; an input node passed through keeps its
     * input's name.
     */
    public List<String> outputNames() {
        List<String> names = new ArrayList<>();
        for (Node o : outputs) {
            String name;
            if (o.isInput()) {
                name = o.input().name();
            } else {
                int call = callsOf(o.producer().layer()).indexOf(o.producer());
                name = o.producer().layer().name() + (call > 0 ? "_call" + call : "") + (o.index() > 0 ? "_" + o.index() : "");
            }
            String unique = name;
            for (int k = 2; names.contains(unique); k++) unique = name + "_" + k;
            names.add(unique);
        }
        return List.copyOf(names);
    }

    /** Layer calls in execution order. */
    public List<Node.Call> calls() {
        return order;
    }

    // ---- build ----

    /**
     * Creates the weights of every layer not built yet on {@code backend}, initialised from {@code seed}, and
     * computes every node's shape. Layers built before (shared with another model) keep their weights, which
     * must be on {@code backend}'s device. Returns this.
     */
    public Model build(Backend backend, long seed) {
        return build(backend, seed, Long.MAX_VALUE);
    }

    /**
     * As {@link #build(Backend, long)}, for a model that may have at most {@code maxParameters} weights (one
     * rebuilt from a file's config, which cannot need more weights than the file holds): a layer that would
     * exceed it is an IllegalArgumentException before its weights are computed or allocated.
     */
    public Model build(Backend backend, long seed, long maxParameters) {
        Objects.requireNonNull(backend, "backend");
        if (this.backend != null) throw new IllegalStateException("model is already built on " + this.backend.name());
        for (Node n : inputs) {
            if (n.shape() == null) throw new IllegalArgumentException("model input " + n + " has no known shape: build the model that computes it first");
        }
        for (Layer l : layers) if (l.isBuilt()) requireOn(backend, l);
        this.weights = TensorScope.open();
        BuildContext ctx = new BuildContext(backend, weights, seed, maxParameters);
        for (Node.Call c : order) {
            List<long[]> inShapes = c.inputs().stream().map(Node::shape).toList();
            Layer layer = c.layer();
            List<long[]> outShapes;
            if (layer.isBuilt()) {
                outShapes = layer.outputShapes(inShapes);
            } else {
                outShapes = layer.build(ctx, inShapes);
                owned.add(layer);
            }
            if (outShapes.size() != layer.outputCount()) {
                throw new IllegalStateException("layer " + layer.name() + " gave " + outShapes.size() + " output shapes, declared " + layer.outputCount() + " outputs");
            }
            for (int k = 0; k < outShapes.size(); k++) c.outputs().get(k).shape(outShapes.get(k));
        }
        this.backend = backend;
        this.seed = seed;
        this.workspaces = new Workspaces(backend);
        outputShapes = outputs.stream().map(Node::shape).toList();
        return this;
    }

    private static void requireOn(Backend backend, Layer layer) {
        for (Parameter p : layer.parameters()) {
            if (!p.value().device().equals(backend.device())) {
                throw new IllegalArgumentException("layer " + layer.name() + " is shared with a model built on " + p.value().device()
                        + "; this model is being built on " + backend.device());
            }
        }
    }

    /** The shape of any node of this model without the batch dimension (-1 for a time extent of any length), after build. */
    public long[] shapeOf(Node node) {
        requireBuilt();
        boolean mine = node.isInput() ? inputs.contains(node) : order.stream().anyMatch(c -> c == node.producer());
        if (!mine) throw new IllegalArgumentException(node + " is not a node of this model");
        return node.shape().clone();
    }

    /** Output shapes without the batch dimension (after build). */
    public List<long[]> outputShapes() {
        requireBuilt();
        return outputShapes.stream().map(long[]::clone).toList();
    }

    public boolean isBuilt() {
        return backend != null;
    }

    public Backend backend() {
        requireBuilt();
        return backend;
    }

    public long seed() {
        return seed;
    }

    void requireBuilt() {
        if (backend == null) throw new IllegalStateException("model is not built: call build(backend, seed) first");
    }

    /** Every parameter, in layer order; names are "layer.param" (PyTorch style). A shared layer's appear once. */
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>();
        for (Layer l : layers) all.addAll(l.parameters());
        return all;
    }

    public Parameter parameter(String name) {
        for (Parameter p : parameters()) if (p.name().equals(name)) return p;
        throw new IllegalArgumentException("no parameter named '" + name + "'");
    }

    /** Number of scalar weights. */
    public long parameterCount() {
        long n = 0;
        for (Parameter p : parameters()) n += p.value().elementCount();
        return n;
    }

    // ---- forward ----

    /**
     * A tape for one pass; its dropout seed comes from the model seed and a counter of training passes
     * (reproducible runs). Inference passes draw nothing and leave the counter alone, so evaluating between
     * training steps does not change the masks that training draws. The tensors of the pass are the tape's own
     * (freed when it closes, unusable after); only the ops' internal scratch ({@link GradientTape#workspace}: the
     * RNN primitive's work and reserve spaces) comes from the model's step memory.
     */
    public GradientTape tape(boolean training) {
        return tape(training, false);
    }

    /**
     * A tape whose tensors all come from the model's step memory and go back to it when the tape closes, so that a
     * pass allocates and zero-fills nothing that the pass before it already had (what {@link #fit},
     * {@link #evaluate} and {@link #predict} use). Every tensor of the pass is valid only until the tape closes:
     * the next pass reuses the memory, and its variables' accessors throw afterwards. Copy out what you keep
     * ({@code HostData.floats}, {@code backend.copy}) before closing it. Seeds as {@link #tape(boolean)}.
     */
    public GradientTape stepTape(boolean training) {
        return tape(training, true);
    }

    /** The model's step memory (null before build), for tests. */
    Workspaces stepMemory() {
        return workspaces;
    }

    private GradientTape tape(boolean training, boolean stepMemory) {
        requireBuilt();
        long passSeed = CounterRandom.bits(seed ^ 0x5DEECE66DL, training ? passCounter++ : passCounter);
        return GradientTape.open(backend, training, passSeed, workspaces, stepMemory);
    }

    /** Training-pass counter (saved in checkpoints so a resumed run draws the same dropout masks). */
    public long passCounter() {
        return passCounter;
    }

    public void passCounter(long value) {
        this.passCounter = value;
    }

    /**
     * Runs the graph on {@code inputValues} (one per model input, in order; a value may carry a mask), returns one
     * variable per model output.
     */
    public List<Variable> call(GradientTape tape, List<Variable> inputValues) {
        requireBuilt();
        Objects.requireNonNull(tape, "tape");
        if (inputValues.size() != inputs.size()) {
            throw new IllegalArgumentException("model has " + inputs.size() + " inputs, got " + inputValues.size());
        }
        Map<Node, Variable> values = new IdentityHashMap<>();
        for (int i = 0; i < inputs.size(); i++) values.put(inputs.get(i), checkInput(inputs.get(i), inputValues.get(i)));
        for (Node.Call c : order) {
            List<Variable> in = new ArrayList<>();
            for (Node n : c.inputs()) in.add(values.get(n));
            List<Variable> out = c.layer().call(tape, in);
            for (int k = 0; k < out.size(); k++) values.put(c.outputs().get(k), out.get(k));
        }
        List<Variable> out = new ArrayList<>();
        for (Node o : outputs) out.add(values.get(o));
        return out;
    }

    /** Single-input, single-output forward pass. */
    public Variable call(GradientTape tape, Variable input) {
        if (outputs.size() != 1) throw new IllegalStateException("model has " + outputs.size() + " outputs " + outputNames() + "; use call(tape, List)");
        return call(tape, List.of(input)).getFirst();
    }

    private static Variable checkInput(Node node, Variable v) {
        Objects.requireNonNull(v, "value of model input " + node);
        String name = node.isInput() ? "input " + node.input().name() : "input " + node;
        long[] want = node.shape();
        long[] s = v.shape();
        if (v.value().dtype() != node.dtype()) {
            throw new IllegalArgumentException(name + " must be " + node.dtype() + ", got " + v.value().describe());
        }
        if (s.length != want.length + 1) {
            throw new IllegalArgumentException(name + " must have rank " + (want.length + 1)
                    + " [batch, " + dev.rnn4j.tensor.Shapes.toString(want).replaceAll("[\\[\\]]", "") + "], got " + v.value().describe());
        }
        if (s[0] < 1) throw new IllegalArgumentException("empty batch: " + name + " is " + v.value().describe());
        for (int i = 0; i < want.length; i++) {
            if (want[i] != -1 && want[i] != s[i + 1]) {
                throw new IllegalArgumentException(name + " dim " + (i + 1) + " must be " + want[i] + ", got " + v.value().describe());
            }
            if (s[i + 1] < 1) throw new IllegalArgumentException(name + " has an empty dim " + (i + 1) + ": " + v.value().describe());
        }
        return v;
    }

    /** Forgets the carried state of every stateful recurrent layer. */
    public void resetStates() {
        for (Layer l : layers) l.resetStates();
    }

    // ---- Keras workflow ----

    /**
     * Sets the optimizer, loss and metrics used by {@link #fit} and {@link #evaluate}, for a model with one output.
     * A model with several outputs takes a loss per output ({@link #compile(Optimizer, Map, Map, Map)}).
     */
    public void compile(Optimizer optimizer, Loss loss, Metric... metrics) {
        requireBuilt();
        if (outputs.size() != 1) {
            throw new IllegalArgumentException("model has " + outputs.size() + " outputs " + outputNames()
                    + "; give a loss per output: compile(optimizer, Map.of(name, loss, ...), lossWeights, metrics)");
        }
        String name = outputNames().getFirst();
        compile(optimizer, Map.of(name, loss), Map.of(), Map.of(name, List.of(metrics)));
    }

    /**
     * Keras' {@code compile(loss={...}, loss_weights={...}, metrics={...})}: a loss per output name (see
     * {@link #outputNames()}), optional weights (1 where absent) and metrics per output. Outputs without a loss
     * are computed but not trained on (attention weights, states); {@link #fit} minimises Σ weight·loss and
     * takes one target per output that has a loss, in output order.
     */
    public void compile(Optimizer optimizer, Map<String, Loss> losses, Map<String, Double> lossWeights, Map<String, List<Metric>> metrics) {
        requireBuilt();
        Objects.requireNonNull(losses, "losses");
        List<String> names = outputNames();
        for (Map<String, ?> m : List.of(losses, lossWeights, metrics)) {
            for (String key : m.keySet()) {
                if (!names.contains(key)) throw new IllegalArgumentException("compile: '" + key + "' is not an output of the model; outputs: " + names);
            }
        }
        List<Trainer.Objective> objectives = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            Loss loss = losses.get(name);
            if (loss == null) {
                if (metrics.containsKey(name)) throw new IllegalArgumentException("compile: output '" + name + "' has metrics but no loss");
                continue;
            }
            double weight = lossWeights.getOrDefault(name, 1.0);
            if (!(weight >= 0) || Double.isInfinite(weight)) throw new IllegalArgumentException("compile: loss weight of '" + name + "' must be finite and >= 0, got " + weight);
            objectives.add(new Trainer.Objective(i, name, loss, weight, metrics.getOrDefault(name, List.of())));
        }
        if (objectives.isEmpty()) throw new IllegalArgumentException("compile: no loss for any output; outputs: " + names);
        this.trainer = new Trainer(this, optimizer, objectives);
    }

    /** The training setup from {@link #compile}, or null. */
    public Trainer trainer() {
        return trainer;
    }

    private Trainer requireTrainer() {
        if (trainer == null) throw new IllegalStateException("model is not compiled: call compile(optimizer, loss, metrics...) first");
        return trainer;
    }

    /** Trains on host tensors x [N, ...] and y [N, ...]; see {@link FitOptions} for epochs, batch size, validation. */
    public History fit(Tensor x, Tensor y, FitOptions options, Callback... callbacks) {
        return requireTrainer().fit(x, y, options, List.of(callbacks));
    }

    /** Trains on batches assembled on demand from {@code data} (inputs and targets, see {@link Dataset}); see {@link FitOptions}. */
    public History fit(Dataset data, FitOptions options, Callback... callbacks) {
        return requireTrainer().fit(data, options, List.of(callbacks));
    }

    /**
     * Ends a running {@link #fit} after its current batch (Keras' {@code model.stop_training = True}); safe to
     * call from a callback or another thread. No effect when the model is not compiled.
     */
    public void stopTraining() {
        if (trainer != null) trainer.requestStop();
    }

    /** Mean loss and metrics over (x, y), by name ("loss", "accuracy", ...). */
    public Map<String, Double> evaluate(Tensor x, Tensor y, int batchSize) {
        return requireTrainer().evaluate(x, y, batchSize);
    }

    /** Mean loss, per-output losses and metrics over {@code data}, in order. */
    public Map<String, Double> evaluate(Dataset data, int batchSize) {
        return requireTrainer().evaluate(data, batchSize);
    }

    /** Inference on host x [N, ...] in batches, for a model with one input and one output; a host tensor allocated in {@code out}. */
    public Tensor predict(TensorScope out, Tensor x, int batchSize) {
        if (inputs.size() != 1 || outputs.size() != 1) {
            throw new IllegalArgumentException("model has " + inputs.size() + " inputs and " + outputs.size() + " outputs " + outputNames()
                    + "; use predict(scope, List.of(inputs...), batchSize), which returns every output");
        }
        if (x == null) throw new IllegalArgumentException("predict needs a host tensor with a batch dimension, got null");
        return predict(out, List.of(x), batchSize).getFirst();
    }

    /** Inference on host inputs [N, ...] (one per model input) in batches; every output, as host tensors allocated in {@code out}. */
    public List<Tensor> predict(TensorScope out, List<Tensor> x, int batchSize) {
        requireBuilt();
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        if (x == null || x.size() != inputs.size()) {
            throw new IllegalArgumentException("model has " + inputs.size() + " inputs, got " + (x == null ? null : x.size()) + " tensors");
        }
        for (Tensor t : x) {
            if (t == null || !t.device().isHost() || t.rank() < 1 || t.dim(0) < 1) {
                throw new IllegalArgumentException("predict needs host tensors with a batch dimension, got " + (t == null ? null : t.describe()));
            }
        }
        Dataset rows = Dataset.of(x, List.of());
        int n = rows.size();
        List<Tensor> result = new ArrayList<>();
        for (int from = 0; from < n; from += batchSize) {
            int count = Math.min(batchSize, n - from);
            int[] batchRows = new int[count];
            for (int i = 0; i < count; i++) batchRows[i] = from + i;
            try (TensorScope batch = TensorScope.open(); GradientTape tape = stepTape(false)) {
                List<Variable> in = rows.batch(batch, batchRows).inputs().stream().map(tape::constant).toList();
                List<Variable> predictions = call(tape, in);
                for (int k = 0; k < predictions.size(); k++) {
                    Variable p = predictions.get(k);
                    if (result.size() <= k) {
                        long[] shape = p.shape();
                        shape[0] = n;
                        result.add(out.zeros(shape));
                    }
                    backend.copy(p.value(), result.get(k).slice(0, from, from + count));
                }
            }
        }
        return List.copyOf(result);
    }

    /**
     * Keras' table: one row per layer with its type, output shape (one line per output, and per call of a shared
     * layer), parameter count and the nodes it is connected to ("layer[call][output]"); then the total and
     * trainable parameter counts. Lines are at most {@value ModelSummary#WIDTH} characters.
     */
    public String summary() {
        return ModelSummary.of(this);
    }

    @Override
    public void close() {
        if (trainer != null) trainer.close();
        for (Layer l : layers) if (owned.contains(l)) l.release();
        if (workspaces != null) workspaces.close();
        if (weights != null) weights.close();
    }
}

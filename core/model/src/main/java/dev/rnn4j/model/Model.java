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
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A graph of layer calls from input nodes to output nodes ({@link Sequential} builds a chain; {@link #functional}
 * any DAG). {@link #build} creates the weights on a backend; {@link #call} runs a forward pass on a tape;
 * {@link #compile}/{@link #fit}/{@link #evaluate}/{@link #predict} are the Keras workflow (delegated to {@link Trainer}).
 */
public final class Model implements AutoCloseable {

    private final List<Node> inputs;
    private final List<Node> outputs;
    private final List<Node.Call> order;
    private final List<Layer> layers;
    private Backend backend;
    private TensorScope weights;
    private long seed;
    private long passCounter;
    private Trainer trainer;

    private Model(List<Node> inputs, List<Node> outputs) {
        if (inputs == null || inputs.isEmpty()) throw new IllegalArgumentException("a model needs at least one input");
        if (outputs == null || outputs.isEmpty()) throw new IllegalArgumentException("a model needs at least one output");
        for (Node n : inputs) if (!n.isInput()) throw new IllegalArgumentException(n + " is not an Input node");
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        this.order = topologicalOrder();
        List<Layer> unique = new ArrayList<>();
        Set<Layer> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Node.Call c : order) if (seen.add(c.layer())) unique.add(c.layer());
        this.layers = List.copyOf(unique);
        makeNamesUnique();
    }

    /** A model from {@code inputs} to {@code outputs} (nodes made by {@link Input} and {@link Layer#apply}). */
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
        if (node.isInput()) {
            if (!declared.contains(node)) throw new IllegalArgumentException("output depends on " + node + ", which is not among the model inputs");
            return;
        }
        Node.Call call = node.producer();
        if (done.contains(call)) return;
        if (!active.add(call)) throw new IllegalArgumentException("cycle through layer " + call.layer().name());
        for (Node in : call.inputs()) visit(in, result, done, active, declared);
        active.remove(call);
        done.add(call);
        result.add(call);
    }

    private void makeNamesUnique() {
        Map<String, Integer> counts = new HashMap<>();
        Set<String> used = new HashSet<>();
        for (Layer l : layers) {
            String base = l.name();
            String name = base;
            while (!used.add(name)) name = base + "_" + counts.merge(base, 1, Integer::sum);
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

    public List<Node> inputs() {
        return inputs;
    }

    public List<Node> outputs() {
        return outputs;
    }

    /** Layer calls in execution order. */
    public List<Node.Call> calls() {
        return order;
    }

    // ---- build ----

    /** Creates every layer's weights on {@code backend}, initialised from {@code seed}. Returns this. */
    public Model build(Backend backend, long seed) {
        Objects.requireNonNull(backend, "backend");
        if (this.backend != null) throw new IllegalStateException("model is already built on " + this.backend.name());
        this.backend = backend;
        this.seed = seed;
        this.weights = TensorScope.open();
        BuildContext ctx = new BuildContext(backend, weights, seed);
        Map<Node.Call, List<long[]>> shapes = new IdentityHashMap<>();
        for (Node.Call c : order) {
            List<long[]> inShapes = c.inputs().stream().map(n -> shapeOf(n, shapes)).toList();
            if (c.layer().isBuilt()) {
                throw new UnsupportedOperationException("layer " + c.layer().name() + " is already built (called twice, or used in two models); shared layers are not supported");
            }
            List<long[]> outShapes = c.layer().build(ctx, inShapes);
            if (outShapes.size() != c.layer().outputCount()) {
                throw new IllegalStateException("layer " + c.layer().name() + " built " + outShapes.size() + " outputs, declared " + c.layer().outputCount());
            }
            shapes.put(c, outShapes);
        }
        outputShapes = outputs.stream().map(n -> shapeOf(n, shapes)).toList();
        callShapes = shapes;
        return this;
    }

    private static long[] shapeOf(Node n, Map<Node.Call, List<long[]>> shapes) {
        return n.isInput() ? n.input().shape() : shapes.get(n.producer()).get(n.index());
    }

    private List<long[]> outputShapes;
    private Map<Node.Call, List<long[]>> callShapes;

    /** The shape of any node of this model without the batch dimension (-1 for a time extent of any length), after build. */
    public long[] shapeOf(Node node) {
        requireBuilt();
        if (!node.isInput() && !callShapes.containsKey(node.producer())) throw new IllegalArgumentException(node + " is not a node of this model");
        return shapeOf(node, callShapes).clone();
    }

    /** Output shapes without the batch dimension (after build). */
    public List<long[]> outputShapes() {
        requireBuilt();
        return outputShapes;
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

    /** Every parameter, in layer order; names are "layer.param" (PyTorch style). */
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

    /** A tape for one pass; its dropout seed comes from the model seed and a pass counter (reproducible runs). */
    public GradientTape tape(boolean training) {
        requireBuilt();
        return GradientTape.open(backend, training, CounterRandom.bits(seed ^ 0x5DEECE66DL, passCounter++));
    }

    /** Pass counter (saved in checkpoints so a resumed run draws the same dropout masks). */
    public long passCounter() {
        return passCounter;
    }

    public void passCounter(long value) {
        this.passCounter = value;
    }

    /** Runs the graph on {@code inputValues} (one per model input), returns one variable per model output. */
    public List<Variable> call(GradientTape tape, List<Variable> inputValues) {
        requireBuilt();
        Objects.requireNonNull(tape, "tape");
        if (inputValues.size() != inputs.size()) {
            throw new IllegalArgumentException("model has " + inputs.size() + " inputs, got " + inputValues.size());
        }
        Map<Node, Variable> values = new IdentityHashMap<>();
        for (int i = 0; i < inputs.size(); i++) values.put(inputs.get(i), checkInput(inputs.get(i).input(), inputValues.get(i)));
        Map<Node.Call, List<Variable>> results = new IdentityHashMap<>();
        for (Node.Call c : order) {
            List<Variable> in = new ArrayList<>();
            for (Node n : c.inputs()) in.add(n.isInput() ? values.get(n) : results.get(n.producer()).get(n.index()));
            results.put(c, c.layer().call(tape, in));
        }
        List<Variable> out = new ArrayList<>();
        for (Node o : outputs) out.add(o.isInput() ? values.get(o) : results.get(o.producer()).get(o.index()));
        return out;
    }

    /** Single-input, single-output forward pass. */
    public Variable call(GradientTape tape, Variable input) {
        if (outputs.size() != 1) throw new IllegalStateException("model has " + outputs.size() + " outputs; use call(tape, List)");
        return call(tape, List.of(input)).getFirst();
    }

    private static Variable checkInput(Input spec, Variable v) {
        long[] s = v.shape();
        if (v.value().dtype() != spec.dtype()) {
            throw new IllegalArgumentException("input " + spec.name() + " must be " + spec.dtype() + ", got " + v.value().describe());
        }
        if (s.length != spec.shape().length + 1) {
            throw new IllegalArgumentException("input " + spec.name() + " must have rank " + (spec.shape().length + 1)
                    + " [batch, " + dev.rnn4j.tensor.Shapes.toString(spec.shape()).replaceAll("[\\[\\]]", "") + "], got " + v.value().describe());
        }
        if (s[0] < 1) throw new IllegalArgumentException("empty batch: input " + spec.name() + " is " + v.value().describe());
        long[] want = spec.shape();
        for (int i = 0; i < want.length; i++) {
            if (want[i] != -1 && want[i] != s[i + 1]) {
                throw new IllegalArgumentException("input " + spec.name() + " dim " + (i + 1) + " must be " + want[i] + ", got " + v.value().describe());
            }
            if (s[i + 1] < 1) throw new IllegalArgumentException("input " + spec.name() + " has an empty dim " + (i + 1) + ": " + v.value().describe());
        }
        return v;
    }

    /** Forgets the carried state of every stateful recurrent layer. */
    public void resetStates() {
        for (Layer l : layers) l.resetStates();
    }

    // ---- Keras workflow ----

    /** Sets the optimizer, loss and metrics used by {@link #fit} and {@link #evaluate}. */
    public void compile(Optimizer optimizer, Loss loss, Metric... metrics) {
        requireBuilt();
        this.trainer = new Trainer(this, optimizer, loss, List.of(metrics));
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

    /** Trains on batches assembled on demand from {@code data}; see {@link FitOptions}. */
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

    /** Inference on host x [N, ...] in batches; the first output, as a host tensor allocated in {@code out}. */
    public Tensor predict(TensorScope out, Tensor x, int batchSize) {
        requireBuilt();
        if (x == null || !x.device().isHost() || x.rank() < 1 || x.dim(0) < 1) {
            throw new IllegalArgumentException("predict needs a host tensor with a batch dimension, got " + (x == null ? null : x.describe()));
        }
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        Dataset rows = Dataset.of(x, x);
        int n = rows.size();
        Tensor result = null;
        for (int from = 0; from < n; from += batchSize) {
            int count = Math.min(batchSize, n - from);
            int[] batchRows = new int[count];
            for (int i = 0; i < count; i++) batchRows[i] = from + i;
            try (TensorScope batch = TensorScope.open(); GradientTape tape = tape(false)) {
                Variable prediction = call(tape, List.of(tape.constant(rows.batch(batch, batchRows).x()))).getFirst();
                if (result == null) {
                    long[] shape = prediction.shape();
                    shape[0] = n;
                    result = out.zeros(shape);
                }
                backend.copy(prediction.value(), result.slice(0, from, from + count));
            }
        }
        return result;
    }

    /** One line per layer: name, type, parameter shapes; and the total. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        for (Layer l : layers) {
            sb.append(String.format("%-20s %-22s", l.name(), l.type()));
            for (Parameter p : l.parameters()) sb.append(' ').append(p.name()).append(dev.rnn4j.tensor.Shapes.toString(p.shape()));
            sb.append('\n');
        }
        sb.append("parameters: ").append(isBuilt() ? parameterCount() : 0).append('\n');
        return sb.toString();
    }

    @Override
    public void close() {
        if (trainer != null) trainer.close();
        for (Layer l : layers) l.release();
        if (weights != null) weights.close();
    }
}

package dev.rnn4j.model.layers;

import dev.rnn4j.model.BuildContext;
import dev.rnn4j.model.GradientTape;
import dev.rnn4j.model.Layer;
import dev.rnn4j.model.Parameter;
import dev.rnn4j.model.Variable;
import dev.rnn4j.tensor.Shapes;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Name, built state, parameter list and input-count checks shared by every layer, and what makes a layer
 * shareable: {@link #build} runs once, for the first call; later calls get their output shapes from
 * {@link #outputShapesFor}, which by default accepts only the shapes of the first call (a -1 extent on either
 * side matches any length) and gives its output shapes. Built-in layers override it with their own shape rule.
 *
 * <p>A custom layer implements {@link #type}, {@link #config}, {@link #buildFor} (create parameters with
 * {@link #addParameter}, return the output shapes) and {@link #forward} (ops from {@code dev.rnn4j.model.ops}
 * on the tape), and is registered with {@link Layers#register} to be loadable from checkpoints. A layer made
 * of other layers builds them in its {@link #buildFor} and adds their parameters with
 * {@link #addParameter(Parameter)} (as {@link Bidirectional} does).
 */
public abstract class AbstractLayer implements Layer {

    private String name;
    private boolean built;
    private final List<Parameter> parameters = new ArrayList<>();
    private List<long[]> builtInputs;
    private List<long[]> builtOutputs;

    protected AbstractLayer(String defaultName) {
        this.name = defaultName;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final void setName(String name) {
        requireNotBuilt();
        if (name == null || name.isBlank() || name.contains(":")) throw new IllegalArgumentException("bad layer name '" + name + "'");
        this.name = name;
    }

    @Override
    public final boolean isBuilt() {
        return built;
    }

    @Override
    public final List<Parameter> parameters() {
        return List.copyOf(parameters);
    }

    @Override
    public final List<long[]> build(BuildContext context, List<long[]> inputShapes) {
        requireNotBuilt();
        Objects.requireNonNull(context, "context");
        checkInputCount(inputShapes.size());
        List<long[]> out = buildFor(context, inputShapes);
        builtInputs = copy(inputShapes);
        builtOutputs = copy(out);
        built = true;
        return out;
    }

    /** Creates the parameters (through {@link #addParameter}) and returns the output shapes. */
    protected abstract List<long[]> buildFor(BuildContext context, List<long[]> inputShapes);

    @Override
    public final List<long[]> outputShapes(List<long[]> inputShapes) {
        if (!built) throw new IllegalStateException("layer " + name + " is not built");
        checkInputCount(inputShapes.size());
        return outputShapesFor(inputShapes);
    }

    /**
     * Output shapes of a call after the first (see the class comment). This default accepts inputs of the first
     * call's shapes, where an extent of -1 on either side matches any length, and returns that call's outputs.
     */
    protected List<long[]> outputShapesFor(List<long[]> inputShapes) {
        for (int i = 0; i < inputShapes.size(); i++) {
            if (!compatible(builtInputs.get(i), inputShapes.get(i))) {
                throw new IllegalArgumentException("layer " + name + " was built for input " + i + " of shape [batch, "
                        + inner(builtInputs.get(i)) + "] and cannot be called on [batch, " + inner(inputShapes.get(i)) + "]");
            }
        }
        return copy(builtOutputs);
    }

    /** Same rank, and equal extents wherever both are known (not -1). */
    private static boolean compatible(long[] a, long[] b) {
        if (a.length != b.length) return false;
        for (int i = 0; i < a.length; i++) if (a[i] != b[i] && a[i] != -1 && b[i] != -1) return false;
        return true;
    }

    private static String inner(long[] shape) {
        return Shapes.toString(shape).replaceAll("[\\[\\]]", "");
    }

    private static List<long[]> copy(List<long[]> shapes) {
        return shapes.stream().map(long[]::clone).toList();
    }

    @Override
    public final List<Variable> call(GradientTape tape, List<Variable> inputs) {
        if (!built) throw new IllegalStateException("layer " + name + " is not built");
        Objects.requireNonNull(tape, "tape");
        checkInputCount(inputs.size());
        return forward(tape, inputs);
    }

    protected abstract List<Variable> forward(GradientTape tape, List<Variable> inputs);

    /** Allowed number of inputs: [min, max]. */
    protected int minInputs() {
        return 1;
    }

    protected int maxInputs() {
        return 1;
    }

    private void checkInputCount(int n) {
        if (n < minInputs() || n > maxInputs()) {
            throw new IllegalArgumentException("layer " + name + " takes " + (minInputs() == maxInputs() ? "" + minInputs() : minInputs() + " to " + maxInputs())
                    + " inputs, got " + n);
        }
    }

    /** A parameter of {@code shape}; {@code init} computes its initial values once the context has room for it. */
    protected final Parameter addParameter(BuildContext ctx, String localName, Supplier<float[]> init, long... shape) {
        String fullName = name + "." + localName;
        ctx.reserve(fullName, shape);
        Parameter p = ctx.parameter(fullName, init.get(), shape);
        parameters.add(p);
        return p;
    }

    protected final void addParameter(Parameter p) {
        parameters.add(p);
    }

    protected final void requireNotBuilt() {
        if (built) throw new IllegalStateException("layer " + name + " is already built; set its options before building the model");
    }

    /** The input's last dimension, checked to be known and to fit an int. */
    protected final long features(long[] shape) {
        long f = shape[shape.length - 1];
        if (f < 1 || f > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("layer " + name + " needs a known feature dimension of at most " + Integer.MAX_VALUE + ", got input shape " + Shapes.toString(shape));
        }
        return f;
    }

    protected final void requireRank(long[] shape, int rankWithoutBatch, String what) {
        if (shape.length != rankWithoutBatch) {
            throw new IllegalArgumentException("layer " + name + " expects " + what + " (rank " + (rankWithoutBatch + 1) + " with the batch), got [batch, "
                    + inner(shape) + "]");
        }
    }

    /** The input's last dimension, checked to equal {@code expected} (the width the weights were built for). */
    protected final long features(long[] shape, long expected) {
        long f = features(shape);
        if (f != expected) {
            throw new IllegalArgumentException("layer " + name + " was built for " + expected + " input features, got input shape [batch, " + inner(shape) + "]");
        }
        return f;
    }

    protected final void requireRank(Variable v, int rank, String what) {
        if (v.rank() != rank) throw new IllegalArgumentException("layer " + name + " expects " + what + ", got " + v.value().describe());
    }

    @Override
    public String toString() {
        return type() + "(" + name + ")";
    }
}

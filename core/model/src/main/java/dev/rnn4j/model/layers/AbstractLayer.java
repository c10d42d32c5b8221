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

/** Name, built state, parameter list and input-count checks shared by every layer. */
public abstract class AbstractLayer implements Layer {

    private String name;
    private boolean built;
    private final List<Parameter> parameters = new ArrayList<>();

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
        built = true;
        return out;
    }

    /** Creates the parameters (through {@link #addParameter}) and returns the output shapes. */
    protected abstract List<long[]> buildFor(BuildContext context, List<long[]> inputShapes);

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
                    + Shapes.toString(shape).replaceAll("[\\[\\]]", "") + "]");
        }
    }

    protected final void requireRank(Variable v, int rank, String what) {
        if (v.rank() != rank) throw new IllegalArgumentException("layer " + name + " expects " + what + ", got " + v.value().describe());
    }

    @Override
    public String toString() {
        return type() + "(" + name + ")";
    }
}

package dev.rnn4j.model;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.tensor.DType;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One forward pass and its backward: every op run through the tape allocates its outputs in the tape's scope
 * (freed by {@link #close()}) and records how to push gradients back. {@link #backward(Variable)} runs those
 * records in reverse and leaves the gradients in {@link Parameter#grad()} (and in {@link Variable#grad()}).
 *
 * <pre>{@code
 * try (GradientTape tape = model.tape(true)) {          // training mode: dropout on
 *     Variable logits = model.call(tape, tape.constant(xBatch));
 *     Variable loss = lossFn.compute(tape, logits, tape.constant(yBatch));
 *     tape.backward(loss);                                // parameter grads now readable
 *     optimizer.step(model.parameters());
 * }
 * }</pre>
 */
public final class GradientTape implements AutoCloseable {

    private final Backend backend;
    private final TensorScope scope;
    private final boolean training;
    private final long seed;
    private long seedCounter;
    private final List<Runnable> backwardSteps = new ArrayList<>();
    private final Map<Parameter, Variable> parameters = new IdentityHashMap<>();
    private final RecurrentStates states;
    private final Workspaces workspaces;
    private final boolean stepMemory;
    private final List<Workspaces.Buffer> borrowed = new ArrayList<>();
    private boolean backwardDone;
    private boolean closed;

    private GradientTape(Backend backend, boolean training, long seed, RecurrentStates states, Workspaces workspaces, boolean stepMemory) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.scope = TensorScope.open();
        this.training = training;
        this.seed = seed;
        this.states = states;
        this.workspaces = workspaces;
        this.stepMemory = stepMemory && workspaces != null;
    }

    /** A tape on {@code backend}; {@code training} turns dropout on; {@code seed} seeds the dropout masks of this pass. */
    public static GradientTape open(Backend backend, boolean training, long seed) {
        return new GradientTape(backend, training, seed, null, null, false);
    }

    /** A tape whose recurrent layers start from and write back their state in {@code states} (step-by-step generation). */
    public static GradientTape open(Backend backend, boolean training, long seed, RecurrentStates states) {
        return new GradientTape(backend, training, seed, states, null, false);
    }

    /**
     * A tape of a model's pass: its {@link #workspace} buffers come from the model's step memory and go back to it
     * on close; with {@code stepMemory} so do its {@link #allocate} and {@link #allocateForOverwrite} tensors.
     */
    static GradientTape open(Backend backend, boolean training, long seed, Workspaces workspaces, boolean stepMemory) {
        return new GradientTape(backend, training, seed, null, workspaces, stepMemory);
    }

    public Backend backend() {
        return backend;
    }

    public boolean training() {
        return training;
    }

    /** The recurrent-state carry of this pass, or null. */
    public RecurrentStates states() {
        return states;
    }

    /** A distinct seed for each random op in this pass (dropout masks), derived from the tape's seed. */
    public long nextSeed() {
        return dev.rnn4j.backend.CounterRandom.bits(seed, seedCounter++);
    }

    /** A zero-filled float32 tensor on the backend's device, freed with the tape (on a step tape: reused after it). */
    public Tensor allocate(long... shape) {
        return allocate(DType.FLOAT32, shape);
    }

    /** A zero-filled tensor of {@code dtype} on the backend's device, freed with the tape (on a step tape: reused after it). */
    public Tensor allocate(DType dtype, long... shape) {
        if (!stepMemory || !pooled(dtype, shape)) return backend.allocate(scope, dtype, shape);
        Tensor t = borrow(shape);
        backend.fill(t, 0f);
        return t;
    }

    /**
     * A float32 tensor for an op's output that the op writes completely before anything reads it (a GEMM with
     * beta 0, a gather, the RNN primitive's y): on a {@linkplain #isStepTape() step tape} the model's reused step
     * memory without a fill, else as {@link #allocate} (zeros).
     */
    public Tensor allocateForOverwrite(long... shape) {
        if (!stepMemory || !pooled(DType.FLOAT32, shape)) return allocate(shape);
        return borrow(shape);
    }

    /**
     * Scratch space of an op: a float32 tensor of {@code shape} on the backend's device whose contents are
     * <b>unspecified</b> (what an earlier pass left there), for buffers the op writes completely before it reads
     * them, such as the RNN primitive's work and reserve spaces. It must stay inside the op (its forward and its
     * backward step) and never become a {@link Variable}'s value or gradient: on a tape of a model
     * ({@link Model#tape}, {@link Model#stepTape}) the memory is a buffer of the model's step memory, which the
     * next pass reuses once this tape is closed. On a tape opened without a model it is freshly allocated (zeros).
     */
    public Tensor workspace(long... shape) {
        if (workspaces == null || !pooled(DType.FLOAT32, shape)) return allocate(shape);
        return borrow(shape);
    }

    /**
     * Whether this tape's tensors are the model's reused step memory ({@link Model#stepTape}): then every tensor of
     * the pass is valid only until {@link #close()}, and its variables refuse to be read after it.
     */
    public boolean isStepTape() {
        return stepMemory;
    }

    private boolean pooled(DType dtype, long[] shape) {
        return dtype == DType.FLOAT32 && dev.rnn4j.tensor.Shapes.elementCount(shape) >= Workspaces.MIN_ELEMENTS;
    }

    private Tensor borrow(long[] shape) {
        requireOpen();
        Workspaces.Buffer buffer = workspaces.borrow(dev.rnn4j.tensor.Shapes.elementCount(shape));
        borrowed.add(buffer);
        return buffer.view(shape);
    }

    /** For a variable's accessors: a step tape's tensors may not be read once it is closed. */
    void checkAccess() {
        if (stepMemory) requireOpen();
    }

    /** Throws once the tape is closed: the step memory of its tensors may belong to a later pass. */
    void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the tape is closed" + (stepMemory
                    ? ": its tensors were the model's step memory, which later passes reuse; copy out what you keep before closing it"
                    : ""));
        }
    }

    /** The tape's scope (for host staging tensors that must live as long as the pass). */
    public TensorScope scope() {
        return scope;
    }

    /** {@code tensor} as a constant input (copied to the device when it lives elsewhere). */
    public Variable constant(Tensor tensor) {
        return constant(tensor, (SequenceMask) null);
    }

    /** A constant input carrying a post-padded mask as per-sequence lengths. */
    public Variable constant(Tensor tensor, int[] seqLengths) {
        return constant(tensor, seqLengths == null ? null : SequenceMask.post(seqLengths));
    }

    /** A constant input carrying {@code mask} (null: every step valid). */
    public Variable constant(Tensor tensor, SequenceMask mask) {
        return new Variable(this, onDevice(tensor), false, mask, null);
    }

    /** {@code tensor} as an input that receives a gradient (for gradient checks and input saliency). */
    public Variable watch(Tensor tensor) {
        return new Variable(this, onDevice(tensor), true, null, null);
    }

    /** The variable of a parameter in this pass; the first use zeroes its gradient. */
    public Variable param(Parameter p) {
        return parameters.computeIfAbsent(p, k -> {
            if (k.trainable()) backend.fill(k.grad(), 0f);
            return new Variable(this, k.value(), k.trainable(), null, k.grad());
        });
    }

    /** The parameters used so far in this pass. */
    public List<Parameter> usedParameters() {
        return List.copyOf(parameters.keySet());
    }

    /** An op's output carrying {@code mask} (or null): requires a gradient when any of {@code inputs} does. */
    public Variable result(Tensor value, SequenceMask mask, Variable... inputs) {
        boolean grad = false;
        for (Variable v : inputs) grad |= v != null && v.requiresGrad();
        return new Variable(this, value, grad, mask, null);
    }

    /** An op's output whose need for a gradient the op decides. */
    public Variable output(Tensor value, SequenceMask mask, boolean requiresGrad) {
        return new Variable(this, value, requiresGrad, mask, null);
    }

    /** Records how to push gradients back through an op; runs in reverse order during {@link #backward}. */
    public void onBackward(Runnable step) {
        if (backwardDone) throw new IllegalStateException("backward already ran on this tape");
        backwardSteps.add(step);
    }

    /** Back-propagates from the scalar {@code loss}; afterwards {@link Parameter#grad()} holds d loss / d parameter. */
    public void backward(Variable loss) {
        Objects.requireNonNull(loss, "loss");
        if (loss.tape() != this) throw new IllegalArgumentException("loss was not computed on this tape");
        if (loss.value().elementCount() != 1) throw new IllegalArgumentException("backward needs a scalar loss, got " + loss.value().describe());
        if (!loss.requiresGrad()) throw new IllegalStateException("the loss does not depend on any trainable parameter or watched input");
        if (backwardDone) throw new IllegalStateException("backward already ran on this tape");
        requireOpen();
        backwardDone = true;
        backend.fill(loss.gradBuffer(), 1f);
        for (int i = backwardSteps.size() - 1; i >= 0; i--) backwardSteps.get(i).run();
    }

    private Tensor onDevice(Tensor tensor) {
        Objects.requireNonNull(tensor, "tensor");
        tensor.requireAlive();
        if (tensor.device().equals(backend.device())) return tensor;
        Tensor copy = backend.allocate(scope, tensor.dtype(), tensor.shape());
        backend.copy(tensor, copy);
        return copy;
    }

    /** Frees what the pass allocated and gives its workspaces back to the model's pool. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        scope.close();
        if (workspaces != null) workspaces.giveBack(borrowed);
        borrowed.clear();
    }
}

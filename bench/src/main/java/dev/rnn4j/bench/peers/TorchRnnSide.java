package dev.rnn4j.bench.peers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.rnn4j.rnn.RnnDescriptor;

/**
 * What the PyTorch sides of the RNN cases share: the problem's weights as PyTorch's parameter list (mapped by
 * {@link TorchWeights}), x and the output gradient G, zero initial states, and the bodies around a side's own
 * forward ({@link #run}): inference with autograd off, forward+backward of sum(y · G) (x requires grad, so dx
 * and every weight gradient are computed), and the weight gradients in the canonical layout. Temporaries of each
 * call live in an {@link NDScope} and are freed at its end.
 */
public abstract class TorchRnnSide implements AutoCloseable {

    protected final RnnDescriptor rnn;
    protected final NDManager manager;
    protected final NDList params;
    protected final NDArray x;
    protected final NDArray h0;
    protected final NDArray c0;
    private final NDArray dy;
    private boolean backwardRan;

    protected TorchRnnSide(NDManager parent, RnnProblem problem) {
        this.rnn = problem.descriptor();
        this.manager = parent.newSubManager();
        this.params = TorchWeights.toTorch(manager, rnn, problem.weightSpace());
        params.forEach(p -> p.setRequiresGradient(true));
        this.x = manager.create(problem.x(), new Shape(problem.xShape()));
        x.setRequiresGradient(true);
        this.dy = manager.create(problem.dy(), new Shape(problem.yShape()));
        this.h0 = manager.zeros(new Shape(problem.stateShape()));
        this.c0 = rnn.mode().hasCellState() ? manager.zeros(new Shape(problem.stateShape())) : null;
    }

    /** y [T, B, D·H] of one forward, recording autograd when {@code training}. */
    protected abstract NDArray run(boolean training);

    /** Inference forward; returns y [T, B, D·H]. */
    public float[] forward() {
        try (var scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            return run(false).toFloatArray();
        }
    }

    /** Inference forward, result dropped (the timed body). */
    public void forwardTimed() {
        try (var scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            run(false);
        }
    }

    /** Training forward and backward of sum(y · G); gradients accumulate into the parameters' .grad. */
    public void forwardBackward() {
        backwardRan = true;
        try (var scope = new NDScope(); GradientCollector collector = manager.getEngine().newGradientCollector()) {
            scope.suppressNotUsedWarning();
            collector.backward(run(true).mul(dy).sum());
        }
    }

    /**
     * The weight gradients of one forward+backward, in the canonical layout. Must come before any other
     * backward on this object (PyTorch accumulates into .grad, so later calls would read sums).
     */
    public float[] weightGradients() {
        if (backwardRan) throw new IllegalStateException("weightGradients() must be the first backward on this " + getClass().getSimpleName());
        forwardBackward();
        return TorchWeights.gradientsToWeightSpace(rnn, params);
    }

    @Override
    public void close() {
        manager.close();
    }
}

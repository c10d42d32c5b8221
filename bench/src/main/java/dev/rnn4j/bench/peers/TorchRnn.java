package dev.rnn4j.bench.peers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.recurrent.RNN;
import ai.djl.training.GradientCollector;
import dev.rnn4j.rnn.RnnDescriptor;

/**
 * The PyTorch side of an RNN case, through DJL's PyTorch engine: {@code torch.lstm / gru / rnn_tanh /
 * rnn_relu} on the problem's weights (mapped by {@link TorchWeights}), sequence-major like rnn4j's side.
 * Forward runs with autograd off; forward+backward records the graph and back-propagates sum(y · G), which
 * produces dx and every weight gradient (x requires grad, so the work matches rnn4j's backwardData +
 * backwardWeights). Temporaries of each call live in an {@link NDScope} and are freed at its end.
 */
public final class TorchRnn implements AutoCloseable {

    private final RnnDescriptor rnn;
    private final NDManager manager;
    private final NDList params;
    private final NDArray x;
    private final NDArray dy;
    private final NDArray h0;
    private final NDArray c0;
    private boolean backwardRan;

    public TorchRnn(NDManager parent, RnnProblem problem) {
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

    /** Inference forward; returns y [T, B, D·H]. */
    public float[] forward() {
        try (var scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            return run(false).get(0).toFloatArray();
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
            NDArray y = run(true).get(0);
            collector.backward(y.mul(dy).sum());
        }
    }

    /**
     * The weight gradients of one forward+backward, in the canonical layout. Must come before any other
     * backward on this object (PyTorch accumulates into .grad, so later calls would read sums).
     */
    public float[] weightGradients() {
        if (backwardRan) throw new IllegalStateException("weightGradients() must be the first backward on this TorchRnn");
        forwardBackward();
        return TorchWeights.gradientsToWeightSpace(rnn, params);
    }

    private NDList run(boolean training) {
        var ex = x.getNDArrayInternal();
        boolean bias = TorchWeights.hasBiases(rnn);
        return switch (rnn.mode()) {
            case LSTM -> ex.lstm(x, new NDList(h0, c0), params, bias, rnn.numLayers(), 0, training, rnn.bidirectional(), false);
            case GRU -> ex.gru(x, h0, params, bias, rnn.numLayers(), 0, training, rnn.bidirectional(), false);
            case RNN_TANH -> ex.rnn(x, h0, params, bias, rnn.numLayers(), RNN.Activation.TANH, 0, training, rnn.bidirectional(), false);
            case RNN_RELU -> ex.rnn(x, h0, params, bias, rnn.numLayers(), RNN.Activation.RELU, 0, training, rnn.bidirectional(), false);
        };
    }

    @Override
    public void close() {
        manager.close();
    }
}

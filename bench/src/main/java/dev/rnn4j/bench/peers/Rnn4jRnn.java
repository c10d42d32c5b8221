package dev.rnn4j.bench.peers;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.rnn.RnnDataDescriptor;
import dev.rnn4j.rnn.RnnDataLayout;
import dev.rnn4j.rnn.RnnForwardMode;
import dev.rnn4j.rnn.RnnPlan;
import dev.rnn4j.tensor.Tensor;

/**
 * The rnn4j side of an RNN case, through the backend SPI: one {@link RnnPlan}, sequence-major data (of full
 * length, or with per-sequence lengths), zero initial state. Forward is INFERENCE; forward+backward is
 * forward(TRAINING) → backwardData (dx from dy = G) → backwardWeights (dW), cuDNN's order. Every tensor is
 * allocated once up front. The {@code …Async} bodies only queue the work (for timing with device events);
 * the others wait for it.
 */
public final class Rnn4jRnn implements AutoCloseable {

    private final Backend backend;
    private final BackendTensors tensors;
    private final RnnPlan plan;
    private final RnnDataDescriptor xDesc;
    private final Tensor x;
    private final Tensor y;
    private final Tensor dy;
    private final Tensor dx;
    private final Tensor hy;
    private final Tensor cy;
    private final Tensor weights;
    private final Tensor dWeights;
    private final Tensor workSpace;
    private final Tensor reserveSpace;

    public Rnn4jRnn(Backend backend, RnnProblem problem) {
        this(backend, problem, null);
    }

    /** {@code lengths}: the length of each sequence of the batch (padded to T), or null for full length. */
    public Rnn4jRnn(Backend backend, RnnProblem problem, int[] lengths) {
        this.backend = backend;
        this.tensors = new BackendTensors(backend);
        var rnn = problem.descriptor();
        var shape = problem.shape();
        this.plan = backend.rnn(rnn);
        this.xDesc = lengths == null
                ? RnnDataDescriptor.full(shape.seqLength(), shape.batch(), shape.inputSize(), RnnDataLayout.SEQ_MAJOR)
                : new RnnDataDescriptor(shape.seqLength(), shape.batch(), shape.inputSize(), lengths, RnnDataLayout.SEQ_MAJOR);
        this.x = tensors.upload(problem.x(), problem.xShape());
        this.dy = tensors.upload(problem.dy(), problem.yShape());
        this.weights = tensors.upload(problem.weightSpace(), plan.weightSpaceSize());
        this.y = tensors.zeros(problem.yShape());
        this.dx = tensors.zeros(problem.xShape());
        this.hy = tensors.zeros(problem.stateShape());
        this.cy = rnn.mode().hasCellState() ? tensors.zeros(problem.stateShape()) : null;
        this.dWeights = tensors.zeros(plan.weightSpaceSize());
        var inference = plan.spaceSizes(RnnForwardMode.INFERENCE, xDesc);
        var training = plan.spaceSizes(RnnForwardMode.TRAINING, xDesc);
        long work = Math.max(inference.workSpaceSize(), training.workSpaceSize());
        this.workSpace = work == 0 ? null : tensors.zeros(work);
        this.reserveSpace = tensors.zeros(Math.max(1, training.reserveSpaceSize()));
    }

    /** Inference forward; returns y [T, B, D·H]. */
    public float[] forward() {
        forwardTimed();
        return tensors.download(y);
    }

    /** Inference forward (the timed body). */
    public void forwardTimed() {
        forwardAsync();
        backend.synchronize();
    }

    /** Inference forward, queued. */
    public void forwardAsync() {
        plan.forward(RnnForwardMode.INFERENCE, xDesc, x, y, null, hy, null, cy, weights, workSpace, reserveSpace);
    }

    /** forward(TRAINING) → backwardData → backwardWeights; dW accumulates as in cuDNN's ADD mode. */
    public void forwardBackward() {
        forwardBackwardAsync();
        backend.synchronize();
    }

    /** {@link #forwardBackward}, queued. */
    public void forwardBackwardAsync() {
        plan.forward(RnnForwardMode.TRAINING, xDesc, x, y, null, hy, null, cy, weights, workSpace, reserveSpace);
        plan.backwardData(xDesc, y, dy, dx, null, null, null, null, null, null, weights, workSpace, reserveSpace);
        plan.backwardWeights(xDesc, x, null, y, dWeights, workSpace, reserveSpace);
    }

    /** The weight gradients of one forward+backward (dW zeroed first), in the canonical layout. */
    public float[] weightGradients() {
        backend.fill(dWeights, 0f);
        forwardBackward();
        return tensors.download(dWeights);
    }

    /** dx [T, B, I] of the last forward+backward. */
    public float[] inputGradients() {
        return tensors.download(dx);
    }

    @Override
    public void close() {
        plan.close();
        tensors.close();
    }
}

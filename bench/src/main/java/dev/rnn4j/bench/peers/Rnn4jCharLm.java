package dev.rnn4j.bench.peers;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.backend.BinaryOp;
import dev.rnn4j.rnn.RnnDataDescriptor;
import dev.rnn4j.rnn.RnnDataLayout;
import dev.rnn4j.rnn.RnnForwardMode;
import dev.rnn4j.rnn.RnnPlan;
import dev.rnn4j.tensor.Tensor;

/**
 * The rnn4j side of the char-LM training step, written directly on the backend SPI (what the model layer
 * does underneath, without its bookkeeping): embeddingGather → RnnPlan forward(TRAINING) → gemm + bias →
 * softmaxCrossEntropy (with dLogits) → dense gradients by gemm → backwardData → backwardWeights →
 * embeddingScatterAdd → adamStep on the four parameters.
 */
public final class Rnn4jCharLm implements AutoCloseable {

    private final Backend backend;
    private final CharLmProblem problem;
    private final BackendTensors tensors;
    private final RnnPlan plan;
    private final RnnDataDescriptor xDesc;
    private final Tensor ids;
    private final Tensor labels;
    private final Tensor embedded;
    private final Tensor dEmbedded;
    private final Tensor y;
    private final Tensor dy;
    private final Tensor logits;
    private final Tensor dLogits;
    private final Tensor workSpace;
    private final Tensor reserveSpace;
    private final Parameter table;
    private final Parameter rnnWeights;
    private final Parameter denseWeight;
    private final Parameter denseBias;
    private long step;

    /** A parameter with its gradient and Adam's two moments. */
    private record Parameter(Tensor value, Tensor grad, Tensor m, Tensor v) {
    }

    public Rnn4jCharLm(Backend backend, CharLmProblem problem) {
        this.backend = backend;
        this.problem = problem;
        this.tensors = new BackendTensors(backend);
        int t = problem.seqLength();
        int b = problem.batch();
        int n = problem.tokens();
        this.plan = backend.rnn(problem.rnn());
        this.xDesc = RnnDataDescriptor.full(t, b, problem.embed(), RnnDataLayout.SEQ_MAJOR);
        this.ids = tensors.uploadInts(problem.ids(), t, b);
        this.labels = tensors.uploadInts(problem.labels(), n);
        this.embedded = tensors.zeros(t, b, problem.embed());
        this.dEmbedded = tensors.zeros(t, b, problem.embed());
        this.y = tensors.zeros(t, b, problem.hidden());
        this.dy = tensors.zeros(t, b, problem.hidden());
        this.logits = tensors.zeros(n, problem.vocab());
        this.dLogits = tensors.zeros(n, problem.vocab());
        var sizes = plan.spaceSizes(RnnForwardMode.TRAINING, xDesc);
        this.workSpace = sizes.workSpaceSize() == 0 ? null : tensors.zeros(sizes.workSpaceSize());
        this.reserveSpace = tensors.zeros(Math.max(1, sizes.reserveSpaceSize()));
        this.table = parameter(problem.table(), problem.vocab(), problem.embed());
        this.rnnWeights = parameter(problem.rnnWeights(), plan.weightSpaceSize());
        this.denseWeight = parameter(problem.denseWeight(), problem.vocab(), problem.hidden());
        this.denseBias = parameter(problem.denseBias(), problem.vocab());
    }

    /** One training step; returns its loss (before the update). */
    public float step() {
        int n = problem.tokens();
        Tensor y2 = y.reshape(n, problem.hidden());
        backend.embeddingGather(table.value(), ids, embedded);
        plan.forward(RnnForwardMode.TRAINING, xDesc, embedded, y, null, null, null, null, rnnWeights.value(), workSpace, reserveSpace);
        backend.gemm(false, true, 1f, y2, denseWeight.value(), 0f, logits);
        backend.binary(BinaryOp.ADD, logits, denseBias.value(), logits);
        float loss = backend.softmaxCrossEntropy(logits, labels, -1, dLogits);

        backend.gemm(true, false, 1f, dLogits, y2, 0f, denseWeight.grad());
        backend.sumToLastDim(dLogits, 0f, denseBias.grad());
        backend.gemm(false, false, 1f, dLogits, denseWeight.value(), 0f, dy.reshape(n, problem.hidden()));
        plan.backwardData(xDesc, y, dy, dEmbedded, null, null, null, null, null, null, rnnWeights.value(), workSpace, reserveSpace);
        backend.fill(rnnWeights.grad(), 0f);
        plan.backwardWeights(xDesc, embedded, null, y, rnnWeights.grad(), workSpace, reserveSpace);
        backend.fill(table.grad(), 0f);
        backend.embeddingScatterAdd(dEmbedded, ids, table.grad());

        step++;
        for (Parameter p : new Parameter[] {table, rnnWeights, denseWeight, denseBias}) {
            backend.adamStep(p.value(), p.grad(), p.m(), p.v(), problem.learningRate(),
                    CharLmProblem.BETA1, CharLmProblem.BETA2, CharLmProblem.EPS, step);
        }
        backend.synchronize();
        return loss;
    }

    private Parameter parameter(float[] init, long... shape) {
        return new Parameter(tensors.upload(init, shape), tensors.zeros(shape), tensors.zeros(shape), tensors.zeros(shape));
    }

    @Override
    public void close() {
        plan.close();
        tensors.close();
    }
}

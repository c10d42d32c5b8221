package dev.rnn4j.bench.peers;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.backend.BinaryOp;
import dev.rnn4j.rnn.RnnDataDescriptor;
import dev.rnn4j.rnn.RnnDataLayout;
import dev.rnn4j.rnn.RnnForwardMode;
import dev.rnn4j.rnn.RnnPlan;
import dev.rnn4j.tensor.Tensor;

/**
 * The rnn4j side of one-token generation on the backend SPI: per token embeddingGather → RnnPlan
 * forward(INFERENCE) of one step with hx/cx the state the previous token left (hy/cy swapped in) → gemm + bias
 * for the logits. Every tensor, the per-token id views included, is made up front: a token allocates nothing.
 */
public final class Rnn4jGenerator implements TokenGenerator {

    private final Backend backend;
    private final BackendTensors tensors;
    private final RnnPlan plan;
    private final RnnDataDescriptor xDesc;
    private final Tensor[] ids;
    private final Tensor embedded;
    private final Tensor y;
    private final Tensor y2;
    private final Tensor logits;
    private final Tensor weights;
    private final Tensor denseWeight;
    private final Tensor denseBias;
    private final Tensor table;
    private final Tensor workSpace;
    private Tensor h;
    private Tensor c;
    private Tensor hNext;
    private Tensor cNext;

    public Rnn4jGenerator(Backend backend, GenerationProblem problem) {
        this.backend = backend;
        this.tensors = new BackendTensors(backend);
        int b = problem.batch();
        this.plan = backend.rnn(problem.rnn());
        this.xDesc = RnnDataDescriptor.full(1, b, problem.embed(), RnnDataLayout.SEQ_MAJOR);
        Tensor allIds = tensors.uploadInts(problem.ids(), problem.tokens(), 1, b);
        this.ids = new Tensor[problem.tokens()];
        for (int t = 0; t < ids.length; t++) ids[t] = allIds.select(0, t);
        this.embedded = tensors.zeros(1, b, problem.embed());
        this.y = tensors.zeros(1, b, problem.hidden());
        this.y2 = y.reshape(b, problem.hidden());
        this.logits = tensors.zeros(b, problem.vocab());
        this.table = tensors.upload(problem.table(), problem.vocab(), problem.embed());
        this.weights = tensors.upload(problem.rnnWeights(), plan.weightSpaceSize());
        this.denseWeight = tensors.upload(problem.denseWeight(), problem.vocab(), problem.hidden());
        this.denseBias = tensors.upload(problem.denseBias(), problem.vocab());
        long work = plan.spaceSizes(RnnForwardMode.INFERENCE, xDesc).workSpaceSize();
        this.workSpace = work == 0 ? null : tensors.zeros(work);
        long[] states = {problem.layers(), b, problem.hidden()};
        this.h = tensors.zeros(states);
        this.c = tensors.zeros(states);
        this.hNext = tensors.zeros(states);
        this.cNext = tensors.zeros(states);
    }

    @Override
    public void reset() {
        backend.fill(h, 0f);
        backend.fill(c, 0f);
    }

    @Override
    public void step(int t) {
        backend.embeddingGather(table, ids[t], embedded);
        plan.forward(RnnForwardMode.INFERENCE, xDesc, embedded, y, h, hNext, c, cNext, weights, workSpace, null);
        backend.gemm(false, true, 1f, y2, denseWeight, 0f, logits);
        backend.binary(BinaryOp.ADD, logits, denseBias, logits);
        backend.synchronize();
        Tensor swap = h;
        h = hNext;
        hNext = swap;
        swap = c;
        c = cNext;
        cNext = swap;
    }

    @Override
    public float[] lastLogits() {
        return tensors.download(logits);
    }

    @Override
    public void close() {
        plan.close();
        tensors.close();
    }
}

package dev.rnn4j.bench.peers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;

/**
 * The PyTorch side of one-token generation, eager through DJL as a Python loop calls it: per token
 * torch.embedding → {@code lstm(x, (h, c))} of one step → linear, with the returned (h, c) carried to the next
 * token. Each token's temporaries live in an {@link NDScope}; the carried state is taken out of it and the
 * previous state freed.
 */
public final class TorchGenerator implements TokenGenerator {

    private final GenerationProblem problem;
    private final NDManager manager;
    private final NDArray[] ids;
    private final NDArray table;
    private final NDList rnnParams;
    private final NDArray denseWeight;
    private final NDArray denseBias;
    private final Shape stateShape;
    private NDArray h;
    private NDArray c;
    private NDArray logits;

    public TorchGenerator(NDManager parent, GenerationProblem problem) {
        this.problem = problem;
        this.manager = parent.newSubManager();
        int b = problem.batch();
        this.ids = new NDArray[problem.tokens()];
        for (int t = 0; t < ids.length; t++) {
            long[] row = new long[b];
            for (int k = 0; k < b; k++) row[k] = problem.ids()[t * b + k];
            ids[t] = manager.create(row, new Shape(1, b));
        }
        this.table = manager.create(problem.table(), new Shape(problem.vocab(), problem.embed()));
        this.rnnParams = TorchWeights.toTorch(manager, problem.rnn(), problem.rnnWeights());
        this.denseWeight = manager.create(problem.denseWeight(), new Shape(problem.vocab(), problem.hidden()));
        this.denseBias = manager.create(problem.denseBias(), new Shape(problem.vocab()));
        this.stateShape = new Shape(problem.layers(), b, problem.hidden());
        reset();
    }

    @Override
    public void reset() {
        replaceState(manager.zeros(stateShape), manager.zeros(stateShape), null);
    }

    @Override
    public void step(int t) {
        try (var scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray x = ids[t].getNDArrayInternal().embedding(ids[t], table, SparseFormat.DENSE).get(0);
            NDList out = x.getNDArrayInternal().lstm(x, new NDList(h, c), rnnParams, true, problem.layers(), 0, false, false, false);
            NDArray y2 = out.get(0).reshape(problem.batch(), problem.hidden());
            NDArray next = y2.getNDArrayInternal().linear(y2, denseWeight, denseBias).get(0);
            NDScope.unregister(out.get(1), out.get(2), next);
            replaceState(out.get(1), out.get(2), next);
        }
    }

    private void replaceState(NDArray newH, NDArray newC, NDArray newLogits) {
        if (h != null) h.close();
        if (c != null) c.close();
        if (logits != null) logits.close();
        h = newH;
        c = newC;
        logits = newLogits;
    }

    @Override
    public float[] lastLogits() {
        return logits.toFloatArray();
    }

    @Override
    public void close() {
        replaceState(null, null, null);
        manager.close();
    }
}

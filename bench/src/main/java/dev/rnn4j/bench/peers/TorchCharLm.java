package dev.rnn4j.bench.peers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;

/**
 * The PyTorch side of the char-LM training step, eager through DJL: torch.embedding → torch.lstm →
 * linear → log_softmax + gather (cross-entropy, mean over tokens) → autograd backward → DJL's Adam update
 * ({@link TorchAdam}: the native adam kernel DJL's Adam optimizer calls; it also zeroes the gradient, like optimizer.zero_grad).
 */
public final class TorchCharLm implements AutoCloseable {

    private final CharLmProblem problem;
    private final NDManager manager;
    private final NDArray ids;
    private final NDArray labels;
    private final NDArray h0;
    private final NDArray c0;
    private final NDArray table;
    private final NDList rnnParams;
    private final NDArray denseWeight;
    private final NDArray denseBias;
    private final TorchAdam adam;

    public TorchCharLm(NDManager parent, CharLmProblem problem) {
        this.problem = problem;
        this.manager = parent.newSubManager();
        int t = problem.seqLength();
        int b = problem.batch();
        this.ids = manager.create(toLongs(problem.ids()), new Shape(t, b));
        this.labels = manager.create(toLongs(problem.labels()), new Shape((long) t * b, 1));
        this.h0 = manager.zeros(new Shape(1, b, problem.hidden()));
        this.c0 = manager.zeros(new Shape(1, b, problem.hidden()));
        this.table = manager.create(problem.table(), new Shape(problem.vocab(), problem.embed()));
        this.rnnParams = TorchWeights.toTorch(manager, problem.rnn(), problem.rnnWeights());
        this.denseWeight = manager.create(problem.denseWeight(), new Shape(problem.vocab(), problem.hidden()));
        this.denseBias = manager.create(problem.denseBias(), new Shape(problem.vocab()));
        this.adam = new TorchAdam(manager, parameters(), problem.learningRate());
    }

    /** One training step; returns its loss (before the update). */
    public float step() {
        try (var scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            float loss;
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                NDArray embedded = ids.getNDArrayInternal().embedding(ids, table, SparseFormat.DENSE).get(0);
                NDArray y = embedded.getNDArrayInternal()
                        .lstm(embedded, new NDList(h0, c0), rnnParams, true, 1, 0, true, false, false).get(0);
                NDArray y2 = y.reshape(problem.tokens(), problem.hidden());
                NDArray logits = y2.getNDArrayInternal().linear(y2, denseWeight, denseBias).get(0);
                NDArray lossArray = logits.logSoftmax(1).gather(labels, 1).mean().neg();
                collector.backward(lossArray);
                loss = lossArray.getFloat();
            }
            adam.step();
            return loss;
        }
    }

    private List<NDArray> parameters() {
        var all = new ArrayList<NDArray>();
        all.add(table);
        all.addAll(rnnParams);
        all.add(denseWeight);
        all.add(denseBias);
        return all;
    }

    private static long[] toLongs(int[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) out[i] = values[i];
        return out;
    }

    @Override
    public void close() {
        manager.close();
    }
}

package dev.rnn4j.bench.peers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.training.GradientCollector;
import dev.rnn4j.rnn.PyTorchRnnWeights;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The PyTorch side of the classifier step, eager through DJL, on the padded batch (what Keras runs under a mask):
 * torch.embedding of the ids and of each row's valid tokens reversed, one torch.lstm per direction over the padded
 * batch (batch-first), each direction's output at the row's last valid step (a row's padding comes after its
 * tokens, so it cannot reach that step), the two concatenated → linear → log_softmax + gather + mean →
 * autograd backward → {@link TorchAdam}. It computes exactly the masked model, with the padding steps' work
 * wasted as in Keras; PyTorch's own way to skip them (pack_padded_sequence) is not reachable through DJL.
 */
public final class TorchClassifier implements AutoCloseable {

    private static final List<String> WEIGHTS = List.of("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0");

    private final ClassifierProblem problem;
    private final NDManager manager;
    private final NDArray ids;
    private final NDArray reversedIds;
    private final NDArray lastSteps;
    private final NDArray labels;
    private final NDArray h0;
    private final NDArray c0;
    private final NDArray table;
    private final Map<String, NDArray> lstm = new LinkedHashMap<>();
    private final NDArray denseWeight;
    private final NDArray denseBias;
    private final TorchAdam adam;

    public TorchClassifier(NDManager parent, ClassifierProblem problem) {
        this.problem = problem;
        this.manager = parent.newSubManager();
        int b = problem.batch(), t = problem.maxLength(), h = problem.hidden();
        long[] forward = new long[b * t];
        long[] reversed = new long[b * t];
        long[] last = new long[b];
        for (int r = 0; r < b; r++) {
            int length = problem.lengths()[r];
            for (int s = 0; s < length; s++) {
                forward[r * t + s] = problem.ids()[r * t + s];
                reversed[r * t + s] = problem.ids()[r * t + length - 1 - s];
            }
            last[r] = (long) r * t + length - 1;
        }
        this.ids = manager.create(forward, new Shape(b, t));
        this.reversedIds = manager.create(reversed, new Shape(b, t));
        this.lastSteps = manager.create(last, new Shape(b));
        long[] classes = new long[b];
        for (int r = 0; r < b; r++) classes[r] = problem.labels()[r];
        this.labels = manager.create(classes, new Shape(b, 1));
        this.h0 = manager.zeros(new Shape(1, b, h));
        this.c0 = manager.zeros(new Shape(1, b, h));
        this.table = manager.create(problem.table(), new Shape(problem.vocab(), problem.embed()));
        Map<String, float[]> weights = PyTorchRnnWeights.toPyTorch(problem.rnn(), problem.rnnWeights());
        for (String suffix : List.of("", "_reverse")) {
            for (String name : WEIGHTS) {
                long rows = 4L * h;
                Shape shape = name.startsWith("bias") ? new Shape(rows) : new Shape(rows, name.startsWith("weight_ih") ? problem.embed() : h);
                lstm.put(name + suffix, manager.create(weights.get(name + suffix), shape));
            }
        }
        this.denseWeight = manager.create(problem.denseWeight(), new Shape(problem.classes(), 2L * h));
        this.denseBias = manager.create(problem.denseBias(), new Shape(problem.classes()));
        this.adam = new TorchAdam(manager, parameters(), problem.learningRate());
    }

    /** One training step; returns its loss (before the update). */
    public float step() {
        try (var scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            float loss = forwardBackward();
            adam.step();
            return loss;
        }
    }

    /** The loss and every parameter's gradient at the current weights (no update), in {@link ClassifierReference}'s order. */
    float[] lossAndGradient() {
        try (var scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            float loss = forwardBackward();
            Map<String, float[]> rnn = new LinkedHashMap<>();
            lstm.forEach((name, p) -> rnn.put(name, p.getGradient().toFloatArray()));
            float[] out = ModelParameters.concat(new float[] {loss}, table.getGradient().toFloatArray(), PyTorchRnnWeights.fromPyTorch(problem.rnn(), rnn),
                    denseWeight.getGradient().toFloatArray(), denseBias.getGradient().toFloatArray());
            for (NDArray p : parameters()) p.getGradient().subi(p.getGradient());
            return out;
        }
    }

    private float forwardBackward() {
        try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
            NDArray forward = lastOutput(ids, "");
            NDArray backward = lastOutput(reversedIds, "_reverse");
            NDArray features = forward.concat(backward, 1);
            NDArray logits = features.getNDArrayInternal().linear(features, denseWeight, denseBias).get(0);
            NDArray loss = logits.logSoftmax(1).gather(labels, 1).mean().neg();
            collector.backward(loss);
            return loss.getFloat();
        }
    }

    /** One direction's LSTM over the embedded {@code tokens} [B, T], its output at each row's last valid step [B, H]. */
    private NDArray lastOutput(NDArray tokens, String suffix) {
        NDArray embedded = tokens.getNDArrayInternal().embedding(tokens, table, SparseFormat.DENSE).get(0);
        NDList params = new NDList();
        for (String name : WEIGHTS) params.add(lstm.get(name + suffix));
        NDArray y = embedded.getNDArrayInternal().lstm(embedded, new NDList(h0, c0), params, true, 1, 0, true, false, true).get(0);
        NDArray rows = y.reshape((long) problem.batch() * problem.maxLength(), problem.hidden());
        return lastSteps.getNDArrayInternal().embedding(lastSteps, rows, SparseFormat.DENSE).get(0);
    }

    private List<NDArray> parameters() {
        var all = new ArrayList<NDArray>();
        all.add(table);
        all.addAll(lstm.values());
        all.add(denseWeight);
        all.add(denseBias);
        return all;
    }

    @Override
    public void close() {
        manager.close();
    }
}

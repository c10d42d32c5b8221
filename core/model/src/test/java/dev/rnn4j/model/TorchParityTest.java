package dev.rnn4j.model;

import dev.rnn4j.testing.ReferenceEmbeddingLstmDense;
import dev.rnn4j.backend.Backend;
import dev.rnn4j.backend.Backends;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.rnn4j.model.layers.Layers;
import dev.rnn4j.model.ops.HostData;
import dev.rnn4j.model.train.Loss;
import dev.rnn4j.model.train.Losses;
import dev.rnn4j.model.train.Optimizer;
import dev.rnn4j.model.train.Optimizers;
import dev.rnn4j.rnn.PyTorchRnnWeights;
import dev.rnn4j.rnn.RnnDataLayout;
import dev.rnn4j.rnn.RnnMode;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;
import dev.rnn4j.testing.PyTorchDefects;
import dev.rnn4j.testing.ReferenceFirst;
import dev.rnn4j.testing.TorchArrays;
import dev.rnn4j.testing.TorchRnn;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole training path: Embedding → LSTM → Dense → softmax cross-entropy, 50 Adam steps from the same
 * initial weights on the same batches, loss by loss. rnn4j's losses are judged against the double-precision
 * {@link ReferenceEmbeddingLstmDense} (finite-difference gradients, torch.optim.Adam's update) first, then
 * PyTorch's against the same reference, both within 1e-5 relative at every step; then rnn4j's against
 * PyTorch's as the cross-check of conventions, within 1e-3 relative (the bound this test always had). The PyTorch side uses DJL NDArrays with autograd (embedding as one-hot matmul,
 * torch::lstm, log-softmax) and torch.optim.Adam's update written in NDArray math.
 */
class TorchParityTest {

    static final int V = 11, E = 5, H = 6, B = 4, T = 7, STEPS = 50;
    static final float LR = 1e-2f, B1 = 0.9f, B2 = 0.999f, EPS = 1e-8f;

    @Test
    void fiftyAdamStepsMatchTheDoubleReferenceThenPyTorchLossByLoss() {
        SplittableRandom data = new SplittableRandom(99);
        List<int[]> xs = new ArrayList<>(), ys = new ArrayList<>();
        for (int s = 0; s < STEPS; s++) {
            int[] x = new int[B * T], y = new int[B * T];
            for (int i = 0; i < x.length; i++) {
                x[i] = data.nextInt(V);
                y[i] = (x[i] * 3 + 1) % V;
            }
            xs.add(x);
            ys.add(y);
        }
        float[] ours = new float[STEPS];
        List<float[]> initial = new ArrayList<>();
        try (Backend backend = Backends.cpu(); TensorScope scope = TensorScope.open();
             Model model = Sequential.of(Input.tokens(T), Layers.embedding(V, E), Layers.lstm(H).returnSequences(true), Layers.dense(V))) {
            model.build(backend, 1234);
            for (Parameter p : model.parameters()) initial.add(HostData.floats(backend, p.value()));
            Optimizer adam = Optimizers.adam(LR, B1, B2, EPS);
            Loss loss = Losses.sparseCategoricalCrossentropy(true);
            for (int s = 0; s < STEPS; s++) {
                try (GradientTape tape = model.tape(true)) {
                    Variable logits = model.call(tape, tape.constant(scope.fromIntArray(xs.get(s), B, T)));
                    Variable l = loss.compute(tape, logits, tape.constant(scope.fromIntArray(ys.get(s), B, T)));
                    ours[s] = Losses.value(tape, l);
                    tape.backward(l);
                    adam.step(backend, model.parameters());
                }
            }
            assertTrue(model.parameters().stream().map(Parameter::name).toList().equals(List.of(
                    "embedding.weight", "lstm.weight_ih_l0", "lstm.weight_hh_l0", "lstm.bias_ih_l0", "lstm.bias_hh_l0", "dense.weight", "dense.bias")));
        }
        double[] reference = referenceLosses(initial, xs, ys);
        float[] torch = torchLosses(initial, xs, ys);
        for (int s = 0; s < STEPS; s++) {
            System.out.printf("step %2d loss: reference %.8f rnn4j %.8f (rel %.2e) pytorch %.8f (rel %.2e)%n", s + 1, reference[s], ours[s],
                    Math.abs(ours[s] - reference[s]) / reference[s], torch[s], Math.abs(torch[s] - reference[s]) / reference[s]);
        }
        ReferenceFirst.check("loss at each of " + STEPS + " Adam steps (index = step - 1)", reference, ours, torch,
                ReferenceFirst.Distance.elementwise(0, 1e-5), ReferenceFirst.Distance.elementwise(0, 1e-3), PyTorchDefects.RNN);
        assertTrue(ours[STEPS - 1] < 0.8 * ours[0], "training should reduce the loss: " + ours[0] + " -> " + ours[STEPS - 1]);
    }

    /** The same 50 steps in double precision; the four LSTM tensors are PyTorch's, mapped to the canonical weight space. */
    private static double[] referenceLosses(List<float[]> initial, List<int[]> xs, List<int[]> ys) {
        var reference = new ReferenceEmbeddingLstmDense(V, E, H, V, T, B, RnnDataLayout.BATCH_MAJOR);
        Map<String, float[]> lstm = new LinkedHashMap<>();
        String[] names = {"weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"};
        for (int i = 0; i < names.length; i++) lstm.put(names[i], initial.get(1 + i));
        double[] parameters = reference.parameters(initial.get(0), PyTorchRnnWeights.fromPyTorch(reference.lstm(), lstm), initial.get(5), initial.get(6));
        return reference.adamLosses(parameters, xs, ys, LR, B1, B2, EPS);
    }

    private static float[] torchLosses(List<float[]> initial, List<int[]> xs, List<int[]> ys) {
        long[][] shapes = {{V, E}, {4 * H, E}, {4 * H, H}, {4 * H}, {4 * H}, {V, H}, {V}};
        float[] losses = new float[STEPS];
        try (NDManager root = TorchArrays.manager()) {
            List<NDArray> params = new ArrayList<>(), m = new ArrayList<>(), v = new ArrayList<>();
            for (int i = 0; i < shapes.length; i++) {
                params.add(root.create(initial.get(i), new Shape(shapes[i])));
                m.add(root.zeros(new Shape(shapes[i])));
                v.add(root.zeros(new Shape(shapes[i])));
            }
            for (int s = 0; s < STEPS; s++) {
                try (NDManager step = root.newSubManager()) {
                    List<NDArray> leaves = new ArrayList<>();
                    for (NDArray p : params) {
                        NDArray leaf = p.duplicate();
                        leaf.attach(step);
                        leaf.setRequiresGradient(true);
                        leaves.add(leaf);
                    }
                    NDArray ids = step.create(xs.get(s), new Shape(B * T));
                    NDArray labels = step.create(ys.get(s), new Shape(B * T));
                    try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                        NDArray emb = ids.oneHot(V).toType(DataType.FLOAT32, false).matMul(leaves.get(0)).reshape(B, T, E);
                        NDArray h0 = step.zeros(new Shape(1, B, H));
                        NDList rnn = TorchRnn.forward(new TorchRnn.Config(RnnMode.LSTM, 1, false, true, true), emb, h0, step.zeros(new Shape(1, B, H)),
                                new NDList(leaves.get(1), leaves.get(2), leaves.get(3), leaves.get(4)));
                        NDArray logits = rnn.get(0).reshape(B * T, H).matMul(leaves.get(5).transpose()).add(leaves.get(6));
                        NDArray nll = logits.logSoftmax(1).mul(labels.oneHot(V).toType(DataType.FLOAT32, false)).sum().neg().div(B * T);
                        losses[s] = nll.getFloat();
                        gc.backward(nll);
                    }
                    int t = s + 1;
                    for (int i = 0; i < params.size(); i++) {
                        NDArray g = leaves.get(i).getGradient().duplicate();
                        g.attach(root);
                        NDArray mi = m.get(i).mul(B1).add(g.mul(1 - B1));
                        NDArray vi = v.get(i).mul(B2).add(g.mul(g).mul(1 - B2));
                        double bc1 = 1 - Math.pow(B1, t), bc2 = 1 - Math.pow(B2, t);
                        NDArray update = mi.div(bc1).div(vi.div(bc2).sqrt().add(EPS)).mul(LR);
                        NDArray next = params.get(i).sub(update);
                        for (NDArray a : List.of(mi, vi, next)) a.attach(root);
                        m.set(i, mi);
                        v.set(i, vi);
                        params.set(i, next);
                    }
                }
            }
        }
        return losses;
    }
}

package dev.rnn4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.backend.BinaryOp;
import dev.rnn4j.backend.Backends;
import dev.rnn4j.backend.CounterRandom;
import dev.rnn4j.model.layers.Bidirectional;
import dev.rnn4j.model.layers.Layers;
import dev.rnn4j.model.layers.Recurrent;
import dev.rnn4j.model.ops.ElementwiseOps;
import dev.rnn4j.model.ops.HostData;
import dev.rnn4j.model.ops.RecurrentDropout;
import dev.rnn4j.model.ops.RecurrentOps;
import dev.rnn4j.model.ops.RecurrentStepOps;
import dev.rnn4j.model.train.FitOptions;
import dev.rnn4j.model.train.History;
import dev.rnn4j.model.train.Losses;
import dev.rnn4j.model.train.Metrics;
import dev.rnn4j.model.train.Optimizers;
import dev.rnn4j.rnn.RnnDataDescriptor;
import dev.rnn4j.rnn.RnnDataLayout;
import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.rnn.RnnMode;
import dev.rnn4j.rnn.RnnWeightLayout;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;
import dev.rnn4j.testing.FiniteDifferences;
import dev.rnn4j.testing.ReferenceFirst;
import dev.rnn4j.testing.ReferenceRnn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Keras' dropout and recurrent_dropout in SimpleRNN, LSTM and GRU. The oracles, in order: the step-by-step path
 * ({@link RecurrentStepOps}, the one recurrent dropout takes) against the fused RNN primitive with no mask, outputs
 * and gradients; the layer in training against the double-precision {@link ReferenceRnn} with the same masks
 * (drawn from the tape's seeds), forward and gradients (central differences in double); float finite differences
 * through whole models with the masks fixed by the seed; the CUDA backend's operand rule on every call of the
 * step path; and bad input.
 */
class RecurrentDropoutTest {

    private static final int B = 3, T = 5, F = 4, H = 3;
    private static final RnnMode[] MODES = {RnnMode.LSTM, RnnMode.GRU, RnnMode.RNN_TANH, RnnMode.RNN_RELU};
    private final Backend backend = Backends.cpu();
    private final TensorScope scope = TensorScope.open();

    @AfterEach
    void close() {
        scope.close();
    }

    private static Recurrent layer(RnnMode mode) {
        return switch (mode) {
            case LSTM -> Layers.lstm(H);
            case GRU -> Layers.gru(H);
            case RNN_TANH -> Layers.simpleRnn(H, "tanh");
            case RNN_RELU -> Layers.simpleRnn(H, "relu");
        };
    }

    /** The layer's outputs and the gradients of Σ out·r with respect to x, h0 (and c0) and the four weights. */
    private record Run(List<float[]> outputs, List<float[]> gradients) {
    }

    private Run run(Model model, Tensor x, int[] lengths, List<Tensor> states, boolean stepPath, Tensor stateMask) {
        Recurrent rnn = (Recurrent) model.layers().getFirst();
        try (GradientTape tape = GradientTape.open(backend, true, 9)) {
            Variable xv = tape.watch(x);
            Variable xm = lengths == null ? xv : masked(tape, xv, lengths);
            List<Variable> stateVars = states.stream().map(tape::watch).toList();
            List<Variable> outs;
            if (stepPath) {
                List<Variable> weights = model.parameters().stream().map(tape::param).toList();
                RecurrentOps.Result r = RecurrentStepOps.run(tape, rnn.mode(), xm, lengths, weights, stateVars.isEmpty() ? null : stateVars.get(0),
                        stateVars.size() < 2 ? null : stateVars.get(1), stateMask);
                outs = new ArrayList<>(List.of(r.sequence(), r.lastH()));
                if (r.lastC() != null) outs.add(r.lastC());
            } else {
                List<Variable> in = new ArrayList<>(List.of(xm));
                in.addAll(stateVars);
                outs = rnn.call(tape, in);
            }
            List<float[]> values = new ArrayList<>();
            Variable loss = null;
            for (int k = 0; k < outs.size(); k++) {
                values.add(HostData.floats(backend, outs.get(k).value()));
                Variable term = GradCheck.weightedSum(tape, outs.get(k), GradCheck.weights(outs.get(k).value().elementCount(), 30 + k));
                loss = loss == null ? term : ElementwiseOps.combine(tape, BinaryOp.ADD, loss, term, 1f);
            }
            tape.backward(loss);
            List<float[]> grads = new ArrayList<>();
            grads.add(HostData.floats(backend, xv.grad()));
            for (Variable s : stateVars) grads.add(HostData.floats(backend, s.grad()));
            for (Parameter p : model.parameters()) grads.add(HostData.floats(backend, p.grad()));
            return new Run(values, grads);
        }
    }

    /** x with a mask (per-row lengths), as an Embedding with mask_zero would give it. */
    private static Variable masked(GradientTape tape, Variable x, int[] lengths) {
        return ElementwiseOps.reshape(tape, x, SequenceMask.post(lengths), x.shape());
    }

    @Test
    void theStepByStepPathComputesWhatTheFusedPrimitiveComputes() {
        int[][] lengthCases = {null, {5, 2, 0}, {1, 5, 3}};
        for (RnnMode mode : MODES) {
            for (int[] lengths : lengthCases) {
                for (boolean initial : new boolean[] {false, true}) {
                    try (Model model = functional(layer(mode).returnSequences(true).returnState(true)).build(backend, 4)) {
                        Tensor x = GradCheck.uniform(scope, 1, B, T, F);
                        List<Tensor> states = new ArrayList<>();
                        if (initial) {
                            states.add(GradCheck.uniform(scope, 2, B, H));
                            if (mode.hasCellState()) states.add(GradCheck.uniform(scope, 3, B, H));
                        }
                        Run fused = run(model, x, lengths, states, false, null);
                        Run step = run(model, x, lengths, states, true, null);
                        String what = mode + " lengths " + java.util.Arrays.toString(lengths) + (initial ? " with initial states" : "");
                        for (int k = 0; k < fused.outputs().size(); k++) assertClose(fused.outputs().get(k), step.outputs().get(k), what + " output " + k);
                        for (int k = 0; k < fused.gradients().size(); k++) assertClose(fused.gradients().get(k), step.gradients().get(k), what + " gradient " + k);
                    }
                }
            }
        }
    }

    /** Input [T, F] → the layer, all its outputs. */
    private static Model functional(Recurrent rnn) {
        Node in = Input.floats(T, F);
        return Model.functional(List.of(in), rnn.apply(List.of(in)));
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        double err = ReferenceFirst.relativeNormError(ReferenceFirst.toDouble(actual), ReferenceFirst.toDouble(expected));
        assertTrue(err <= 2e-6, what + ": relative error " + err + "; " + ReferenceFirst.largestDifference("step path", actual, "fused", ReferenceFirst.toDouble(expected)));
    }

    /**
     * The layer in training, dropout 0.4 and recurrent_dropout 0.3, against the double-precision reference run with
     * the masks the tape's first two seeds give (input mask [B, F], then state mask [B, H]; one per sequence, used at
     * every step): y, h (and c) within 1e-5 relative, and the gradients of Σ y·r + Σ h·r' with respect to every
     * weight block and x within 1e-4 of central differences of the reference in double (step 1e-6).
     */
    @Test
    void theLayerInTrainingMatchesTheDoubleReferenceWithTheSameMasks() {
        float rate = 0.4f, recurrentRate = 0.3f;
        long tapeSeed = 77;
        int[] lengths = {5, 3, 1};
        for (RnnMode mode : MODES) {
            Recurrent rnn = layer(mode).returnSequences(true).returnState(true).dropout(rate).recurrentDropout(recurrentRate);
            try (Model model = functional(rnn).build(backend, 6)) {
                Tensor x = GradCheck.uniform(scope, 11, B, T, F);
                float[] gy = GradCheck.weights((long) B * T * H, 1), gh = GradCheck.weights((long) B * H, 2);
                float[] y, h, dx;
                List<float[]> dWeights = new ArrayList<>();
                try (GradientTape tape = GradientTape.open(backend, true, tapeSeed)) {
                    Variable xv = tape.watch(x);
                    List<Variable> out = model.call(tape, List.of(masked(tape, xv, lengths)));
                    y = HostData.floats(backend, out.get(0).value());
                    h = HostData.floats(backend, out.get(1).value());
                    Variable loss = ElementwiseOps.combine(tape, BinaryOp.ADD,
                            GradCheck.weightedSum(tape, out.get(0), gy), GradCheck.weightedSum(tape, out.get(1), gh), 1f);
                    tape.backward(loss);
                    dx = HostData.floats(backend, xv.grad());
                    for (Parameter p : model.parameters()) dWeights.add(HostData.floats(backend, p.grad()));
                }
                float[] inputMask = RecurrentDropout.scales(CounterRandom.bits(tapeSeed, 0), rate, B, F);
                float[] stateMask = RecurrentDropout.scales(CounterRandom.bits(tapeSeed, 1), recurrentRate, B, H);
                assertTrue(count(inputMask, 0f) > 0 && count(stateMask, 0f) > 0, "the seeds must drop something for the test to mean anything");
                ReferenceRnn.CellMasks masks = new ReferenceRnn.CellMasks() {
                    public double input(int b, int i) {
                        return inputMask[b * F + i];
                    }

                    public double state(int b, int j) {
                        return stateMask[b * H + j];
                    }
                };
                RnnDescriptor desc = RnnDescriptor.of(mode, 1, false, F, H);
                ReferenceRnn reference = new ReferenceRnn(desc);
                RnnDataDescriptor xDesc = new RnnDataDescriptor(T, B, F, lengths, RnnDataLayout.BATCH_MAJOR);
                double[] w = flatWeights(model, desc.weightLayout());
                double[] xd = ReferenceFirst.toDouble(x.toFloatArray());
                ReferenceRnn.Result expected = reference.forwardWithMasks(xDesc, xd, null, null, w, masks);
                String what = mode + " with dropout " + rate + ", recurrent dropout " + recurrentRate;
                ReferenceFirst.Distance tight = ReferenceFirst.Distance.relativeNorm(1e-5);
                assertTrue(tight.of(y, expected.y()) <= 1e-5, what + ": y " + ReferenceFirst.largestDifference("rnn4j", y, "reference", expected.y()));
                assertTrue(tight.of(h, expected.hy()) <= 1e-5, what + ": h " + ReferenceFirst.largestDifference("rnn4j", h, "reference", expected.hy()));
                double[] gyd = ReferenceFirst.toDouble(gy), ghd = ReferenceFirst.toDouble(gh);
                double[] gcd = new double[B * H];
                DoubleSupplier loss = () -> reference.forwardWithMasks(xDesc, xd, null, null, w, masks).loss(gyd, ghd, gcd);
                double[] fdW = FiniteDifferences.central(w, 1e-6, loss);
                double[] fdX = FiniteDifferences.central(xd, 1e-6, loss);
                ReferenceFirst.Distance grad = ReferenceFirst.Distance.relativeNorm(1e-4);
                assertTrue(grad.of(dx, fdX) <= 1e-4, what + ": dx " + ReferenceFirst.largestDifference("rnn4j", dx, "finite differences", fdX));
                float[] dw = flatten(dWeights);
                assertTrue(grad.of(dw, fdW) <= 1e-4, what + ": dW " + ReferenceFirst.largestDifference("rnn4j", dw, "finite differences", fdW));
            }
        }
    }

    private static int count(float[] a, float v) {
        int n = 0;
        for (float x : a) if (x == v) n++;
        return n;
    }

    /** The model's four weight views put at their places in the canonical flat weight space, widened to double. */
    private double[] flatWeights(Model model, RnnWeightLayout layout) {
        double[] w = new double[(int) layout.size()];
        long[] offsets = {layout.inputWeightOffset(0, 0), layout.recurrentWeightOffset(0, 0), layout.inputBiasOffset(0, 0), layout.recurrentBiasOffset(0, 0)};
        List<Parameter> params = model.parameters();
        for (int k = 0; k < 4; k++) {
            float[] v = HostData.floats(backend, params.get(k).value());
            for (int i = 0; i < v.length; i++) w[(int) offsets[k] + i] = v[i];
        }
        return w;
    }

    /** The gradients of the four views in the same flat order (views are laid out in the space in this order). */
    private static float[] flatten(List<float[]> parts) {
        int n = parts.stream().mapToInt(a -> a.length).sum();
        float[] out = new float[n];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    @Test
    void finiteDifferencesThroughModelsWithTheMasksFixedBySeed() {
        int[] ids = {3, 1, 4, 1, 5, 0, 2, 7, 1, 8, 0, 0, 6, 2, 8, 3, 1, 2};
        Tensor tokens = scope.fromIntArray(ids, 3, 6);
        List<Layer> recurrent = List.of(Layers.lstm(4).returnSequences(true).dropout(0.3f).recurrentDropout(0.3f),
                Layers.gru(4).returnSequences(true).dropout(0.2f).recurrentDropout(0.4f),
                Layers.simpleRnn(4, "tanh").returnSequences(true).recurrentDropout(0.5f),
                Layers.bidirectional(Layers.lstm(3).returnSequences(true).recurrentDropout(0.3f), "concat"));
        for (Layer rnn : recurrent) {
            try (Model model = Sequential.of(Input.tokens(-1), Layers.embedding(9, 3).maskZero(true), rnn, Layers.dense(2)).build(backend, 3)) {
                new GradCheck(backend).check((tape, in) -> model.call(tape, tape.constant(tokens)), List.of(), model.parameters(), 13);
            }
        }
        try (Model model = Sequential.of(Input.floats(4, 3), Layers.lstm(3).recurrentDropout(0.4f).dropout(0.2f).goBackwards(true)).build(backend, 5)) {
            new GradCheck(backend).check((tape, in) -> model.call(tape, in.getFirst()), List.of(GradCheck.uniform(scope, 8, 2, 4, 3)), model.parameters(), 21);
        }
    }

    /** In inference the rates change nothing; in training the same tape seed gives the same masks and another seed others. */
    @Test
    void inferenceIgnoresDropoutAndTrainingIsReproducible() {
        Tensor x = GradCheck.uniform(scope, 12, B, T, F);
        try (Model plain = Sequential.of(Input.floats(T, F), Layers.lstm(H).returnSequences(true)).build(backend, 2);
             Model dropped = Sequential.of(Input.floats(T, F), Layers.lstm(H).returnSequences(true).dropout(0.5f).recurrentDropout(0.5f)).build(backend, 2)) {
            assertArrayEquals(plain.predict(scope, x, B).toFloatArray(), dropped.predict(scope, x, B).toFloatArray(), 0f);
            float[] a = training(dropped, x, 5), b = training(dropped, x, 5), c = training(dropped, x, 6), none = training(plain, x, 5);
            assertArrayEquals(a, b, 0f);
            assertFalse(java.util.Arrays.equals(a, c), "another seed must draw other masks");
            assertFalse(java.util.Arrays.equals(a, none), "training with dropout must differ from training without");
        }
    }

    private float[] training(Model model, Tensor x, long seed) {
        try (GradientTape tape = GradientTape.open(backend, true, seed)) {
            return HostData.floats(backend, model.call(tape, tape.constant(x)).value());
        }
    }

    /**
     * The step path on a backend that enforces the CUDA backend's operand rule (contiguous tensors for every kernel,
     * reduction, gather and copy): a whole training step of a model with recurrent dropout passes, and gives the very
     * numbers the plain CPU backend gives. This is as far as the GPU path is tested without a GPU.
     */
    @Test
    void theStepPathMakesOnlyCallsTheCudaBackendAccepts() {
        List<String> calls = new ArrayList<>();
        Backend strict = DeviceRulesBackend.wrap(backend, calls);
        int[] ids = {3, 1, 4, 1, 5, 2, 7, 1, 8, 0, 6, 2, 8, 0, 0};
        float[][] losses = new float[2][];
        List<Backend> backends = List.of(strict, backend);
        for (int k = 0; k < 2; k++) {
            try (TensorScope data = TensorScope.open();
                 Model model = Sequential.of(Input.tokens(-1), Layers.embedding(9, 4).maskZero(true),
                         Layers.bidirectional(Layers.gru(5).returnSequences(true).dropout(0.2f).recurrentDropout(0.3f), "concat"),
                         Layers.lstm(4).recurrentDropout(0.25f), Layers.dense(3)).build(backends.get(k), 8)) {
                model.compile(Optimizers.adam(1e-2f), Losses.sparseCategoricalCrossentropy(true));
                Tensor xs = data.fromIntArray(ids, 3, 5), ys = data.fromIntArray(new int[] {0, 2, 1}, 3);
                losses[k] = new float[3];
                for (int step = 0; step < 3; step++) losses[k][step] = model.trainer().trainStep(xs, ys).loss();
            }
        }
        assertArrayEquals(losses[1], losses[0], 0f, "the strict backend must compute what the CPU backend computes");
        assertTrue(calls.contains("gemm") && calls.contains("activation") && calls.contains("embeddingGather") && calls.contains("copy"), "calls: " + calls.size());
    }

    @Test
    void fitLearnsWithRecurrentDropout() {
        WorkflowTest data = new WorkflowTest();
        Tensor[] d = data.data();
        try (Model m = Sequential.of(Input.tokens(-1), Layers.embedding(WorkflowTest.V, 8),
                Layers.lstm(16).returnSequences(true).dropout(0.1f).recurrentDropout(0.2f), Layers.dense(WorkflowTest.V)).build(backend, 1)) {
            m.compile(Optimizers.adam(2e-2f), Losses.sparseCategoricalCrossentropy(true), Metrics.accuracy());
            History h = m.fit(d[0], d[1], FitOptions.defaults().epochs(8).batchSize(8).verbose(false));
            double[] loss = h.get("loss");
            assertTrue(loss[7] < loss[0] * 0.6, "loss should fall: " + java.util.Arrays.toString(loss));
            assertTrue(m.evaluate(d[0], d[1], 16).get("accuracy") > 0.8, "accuracy in inference " + m.evaluate(d[0], d[1], 16));
        } finally {
            data.close();
        }
    }

    @Test
    void configsRoundTripAndBadRatesAreRejected() {
        Recurrent lstm = Layers.lstm(4).dropout(0.25f).recurrentDropout(0.5f).returnSequences(true);
        assertEquals(lstm.config(), Layers.fromConfig("LSTM", lstm.config()).config());
        assertEquals(0.25f, ((Number) lstm.config().get("dropout")).floatValue());
        Bidirectional bi = Layers.bidirectional(Layers.gru(3).recurrentDropout(0.3f), "sum");
        @SuppressWarnings("unchecked")
        Map<String, Object> backward = (Map<String, Object>) ((Map<String, Object>) bi.config().get("backward_layer")).get("config");
        assertEquals(0.3f, ((Number) backward.get("recurrent_dropout")).floatValue(), "the backward copy keeps the rates");
        Map<String, Object> old = new java.util.HashMap<>(Layers.gru(3).config());
        old.remove("dropout");
        old.remove("recurrent_dropout");
        assertEquals(Layers.gru(3).config(), Layers.fromConfig("GRU", old).config(), "configs written before the options load with rate 0");
        for (float bad : new float[] {-0.1f, 1f, 1.5f, Float.NaN}) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> Layers.lstm(2).dropout(bad)).getMessage().contains("dropout must be in [0, 1)"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> Layers.gru(2).recurrentDropout(bad)).getMessage().contains("recurrent_dropout must be in [0, 1)"));
        }
        try (Model model = Sequential.of(Input.floats(T, F), Layers.lstm(H)).build(backend, 1)) {
            Recurrent built = (Recurrent) model.layers().getFirst();
            assertThrows(IllegalStateException.class, () -> built.recurrentDropout(0.2f));
        }
        try (GradientTape tape = GradientTape.open(backend, true, 1)) {
            Variable x = tape.constant(GradCheck.uniform(scope, 1, B, T, F));
            List<Variable> w = List.of(x, x, x, x);
            assertThrows(IllegalArgumentException.class, () -> RecurrentStepOps.run(tape, RnnMode.LSTM, x, null, w, null, null, null));
        }
    }
}

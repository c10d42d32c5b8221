package dev.rnn4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.rnn4j.backend.Backend;
import dev.rnn4j.backend.Backends;
import dev.rnn4j.model.layers.Layers;
import dev.rnn4j.model.ops.HostData;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;
import dev.rnn4j.testing.ReferenceFirst;
import dev.rnn4j.testing.TorchArrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * GlobalMaxPooling1D: the max over time and its gradient (to the winning step) against a double-precision loop,
 * then PyTorch's {@code max(dim=1)} through DJL; finite differences through a text-CNN-shaped model; Keras'
 * treatment of masks (not used); bad input.
 */
class GlobalMaxPooling1DTest {

    private static final int B = 3, T = 5, F = 4;
    private final Backend backend = Backends.cpu();
    private final TensorScope scope = TensorScope.open();

    @AfterEach
    void close() {
        scope.close();
    }

    @Test
    void maxAndGradientMatchTheDoubleLoopThenPyTorch() {
        Tensor x = GradCheck.uniform(scope, 3, B, T, F);
        float[] r = GradCheck.weights((long) B * F, 5);
        float[] y, dx;
        try (Model model = Sequential.of(Input.floats(T, F), Layers.globalMaxPooling1D()).build(backend, 1); GradientTape tape = model.tape(true)) {
            Variable xv = tape.watch(x);
            Variable out = model.call(tape, xv);
            y = HostData.floats(backend, out.value());
            tape.backward(GradCheck.weightedSum(tape, out, r));
            dx = HostData.floats(backend, xv.grad());
        }
        float[] v = x.toFloatArray();
        double[] refY = new double[B * F], refDx = new double[B * T * F];
        for (int b = 0; b < B; b++) {
            for (int f = 0; f < F; f++) {
                int best = 0;
                for (int t = 1; t < T; t++) if (v[(b * T + t) * F + f] > v[(b * T + best) * F + f]) best = t;
                refY[b * F + f] = v[(b * T + best) * F + f];
                refDx[(b * T + best) * F + f] = r[b * F + f];
            }
        }
        float[][] torch = torchMax(v, r);
        ReferenceFirst.Distance exact = ReferenceFirst.Distance.elementwise(1e-7, 0);
        ReferenceFirst.check("global max pooling output", refY, y, torch[0], exact, null);
        ReferenceFirst.check("global max pooling d input", refDx, dx, torch[1], exact, null);
    }

    /** torch.max(x, dim=1) and the gradient of Σ y·r, through DJL's PyTorch engine. */
    private static float[][] torchMax(float[] x, float[] r) {
        try (NDManager m = TorchArrays.manager()) {
            NDArray xs = TorchArrays.of(m, x, B, T, F);
            xs.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray y = xs.max(new int[] {1});
                float[] yv = y.toFloatArray();
                gc.backward(y.mul(TorchArrays.of(m, r, B, F)).sum());
                return new float[][] {yv, xs.getGradient().toFloatArray()};
            }
        }
    }

    /** The max has kinks where two steps tie; a small step (1e-3) keeps the differences off them for these seeds. */
    @Test
    void finiteDifferencesThroughATextCnn() {
        int[] ids = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3};
        Tensor tokens = scope.fromIntArray(ids, 3, 6);
        try (Model model = Sequential.of(Input.tokens(-1), Layers.embedding(10, 4), Layers.conv1d(5, 3, "tanh").padding("causal").dilationRate(2),
                Layers.globalMaxPooling1D(), Layers.dense(2)).build(backend, 7)) {
            new GradCheck(backend).eps(1e-3).tolerance(3e-2, 5e-3).check((tape, in) -> model.call(tape, tape.constant(tokens)), List.of(), model.parameters(), 3);
        }
        try (Model model = Sequential.of(Input.floats(T, F), Layers.globalMaxPooling1D(), Layers.dense(2, "tanh")).build(backend, 7)) {
            float[] spaced = new float[B * T * F]; // distinct values 1/30 apart: a step of 1e-2 never swaps two of them
            for (int i = 0; i < spaced.length; i++) spaced[i] = (i * 37 % spaced.length) / 30f - 1f;
            new GradCheck(backend).check((tape, in) -> model.call(tape, in.getFirst()), List.of(scope.fromArray(spaced, B, T, F)), model.parameters(), 3);
        }
    }

    /**
     * As in Keras, the mask is not used: the padded step takes part (Masking zeroes it, as Keras' Masking does, so
     * its 0 beats row 0's negative values), and the output has no mask.
     */
    @Test
    void theMaskIsNotUsedAsInKeras() {
        try (Model model = Sequential.of(Input.floats(3, 2), Layers.masking(0.1f), Layers.globalMaxPooling1D()).build(backend, 1);
             GradientTape tape = model.tape(false)) {
            float[] w = {-0.5f, -0.6f, -0.7f, -0.8f, 0.1f, 0.1f, 0.3f, 0.4f, 0.1f, 0.1f, 0.1f, 0.1f};
            Variable out = model.call(tape, tape.constant(scope.fromArray(w, 2, 3, 2)));
            assertNull(out.seqLengths());
            assertArrayEquals(new float[] {0f, 0f, 0.3f, 0.4f}, HostData.floats(backend, out.value()), 0f, "the padded (zeroed) last step of row 0 still counts");
        }
    }

    @Test
    void badInputIsRejected() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Sequential.of(Input.floats(F), Layers.globalMaxPooling1D()).build(backend, 1)).getMessage()
                .contains("[batch, time, features]"));
        assertEquals("GlobalMaxPooling1D", Layers.fromConfig("GlobalMaxPooling1D", java.util.Map.of()).type());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Sequential.of(Input.floats(-1, -1), Layers.globalMaxPooling1D()).build(backend, 1))
                .getMessage().contains("known feature dimension"));
    }
}

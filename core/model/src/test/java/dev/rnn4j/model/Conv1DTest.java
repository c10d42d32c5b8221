package dev.rnn4j.model;

import dev.rnn4j.backend.Backends;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.rnn4j.backend.Backend;
import dev.rnn4j.model.layers.Conv1D;
import dev.rnn4j.model.layers.Layers;
import dev.rnn4j.model.ops.ConvOps;
import dev.rnn4j.model.ops.HostData;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;
import dev.rnn4j.testing.TorchArrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Conv1D: finite-difference gradients (input, kernel, bias) over padding × stride × kernel size, parity of the
 * forward and of all gradients with PyTorch's conv1d (DJL) with the kernel permuted to [out, in, k], and bad input.
 */
class Conv1DTest {

    private static final int B = 2, T = 7, C = 3, F = 2;
    private final Backend backend = Backends.cpu();
    private final TensorScope scope = TensorScope.open();

    @AfterEach
    void close() {
        scope.close();
    }

    private static Model conv(Conv1D layer, long timeSteps) {
        return Sequential.of(Input.floats(timeSteps, C), layer);
    }

    @Test
    void gradientsOverPaddingStrideAndKernelSize() {
        Tensor x = GradCheck.uniform(scope, 1, B, T, C);
        for (String padding : new String[] {"valid", "same"}) {
            for (int stride = 1; stride <= 2; stride++) {
                for (int k = 1; k <= 5; k++) {
                    try (Model model = conv(Layers.conv1d(F, k).padding(padding).strides(stride), T).build(backend, k * 10L + stride)) {
                        new GradCheck(backend).check((tape, in) -> model.call(tape, in.getFirst()), List.of(x), model.parameters(), 7);
                    }
                }
            }
        }
    }

    @Test
    void gradientsWithActivationNoBiasAndUnknownLength() {
        Tensor x = GradCheck.uniform(scope, 2, B, 5, C);
        try (Model model = conv(Layers.conv1d(F, 3, "tanh").padding("same").useBias(false), -1).build(backend, 3)) {
            assertEquals(List.of("conv1d.kernel"), model.parameters().stream().map(Parameter::name).toList());
            new GradCheck(backend).check((tape, in) -> model.call(tape, in.getFirst()), List.of(x), model.parameters(), 5);
        }
        Node in = Input.floats(-1, C);
        Node hidden = Layers.conv1d(4, 2, "relu").padding("same").apply(in);
        Node out = Layers.dense(2, "softmax").apply(Layers.globalAveragePooling1D().apply(Layers.conv1d(3, 3).strides(2).apply(hidden)));
        try (Model model = Model.functional(in, out).build(backend, 4)) {
            new GradCheck(backend).check((tape, v) -> model.call(tape, v.getFirst()), List.of(GradCheck.uniform(scope, 3, B, 9, C)), model.parameters(), 6);
        }
    }

    @Test
    void outputShapesFollowKeras() {
        assertArrayEquals(new long[] {5, F}, conv(Layers.conv1d(F, 3), 7).build(backend, 1).outputShapes().getFirst());
        assertArrayEquals(new long[] {3, F}, conv(Layers.conv1d(F, 3).strides(2), 7).build(backend, 1).outputShapes().getFirst());
        assertArrayEquals(new long[] {7, F}, conv(Layers.conv1d(F, 4).padding("same"), 7).build(backend, 1).outputShapes().getFirst());
        assertArrayEquals(new long[] {4, F}, conv(Layers.conv1d(F, 4).padding("same").strides(2), 7).build(backend, 1).outputShapes().getFirst());
        assertArrayEquals(new long[] {-1, F}, conv(Layers.conv1d(F, 3), -1).build(backend, 1).outputShapes().getFirst());
        // TensorFlow's "same": an even kernel pads one step more on the right
        assertEquals(new ConvOps.Window(7, 4, 1, 1, 7), ConvOps.Window.same(7, 4, 1));
        assertEquals(new ConvOps.Window(7, 5, 1, 2, 7), ConvOps.Window.same(7, 5, 1));
        assertEquals(new ConvOps.Window(8, 3, 2, 0, 4), ConvOps.Window.same(8, 3, 2));
        assertEquals(new ConvOps.Window(7, 3, 2, 1, 4), ConvOps.Window.same(7, 3, 2));
    }

    @Test
    void forwardAndGradientsMatchPyTorchConv1d() {
        int[][] cases = { // kernel, stride, same (1) / valid (0)
                {1, 1, 0}, {3, 1, 0}, {5, 2, 0}, {4, 2, 0},
                {1, 1, 1}, {3, 1, 1}, {5, 1, 1}, {3, 2, 1}, {2, 1, 1}, {4, 1, 1}, {4, 2, 1}};
        for (int[] c : cases) {
            int k = c[0], stride = c[1];
            boolean same = c[2] == 1;
            Tensor x = GradCheck.uniform(scope, 100 + k, B, T, C);
            try (Model model = conv(Layers.conv1d(F, k).strides(stride).padding(same ? "same" : "valid"), T).build(backend, 40 + k)) {
                float[] kernel = HostData.floats(backend, model.parameter("conv1d.kernel").value());
                float[] bias = {0.3f, -0.2f};
                model.parameter("conv1d.bias").value().copyFrom(bias);
                float[] y, dx;
                try (GradientTape tape = model.tape(true)) {
                    Variable xv = tape.watch(x);
                    Variable out = model.call(tape, xv);
                    y = HostData.floats(backend, out.value());
                    tape.backward(GradCheck.weightedSum(tape, out, GradCheck.weights(y.length, k)));
                    dx = HostData.floats(backend, xv.grad());
                }
                float[] dKernel = HostData.floats(backend, model.parameter("conv1d.kernel").grad());
                float[] dBias = HostData.floats(backend, model.parameter("conv1d.bias").grad());
                Torch torch = torchConv(x.toFloatArray(), kernel, bias, k, stride, same);
                String what = "k=" + k + " stride=" + stride + (same ? " same" : " valid");
                assertEquals(torch.y.length, y.length, what + ": output size");
                assertClose(torch.y, y, what + " output");
                assertClose(torch.dx, dx, what + " d input");
                assertClose(torch.dKernel, dKernel, what + " d kernel");
                assertClose(torch.dBias, dBias, what + " d bias");
            }
        }
    }

    private record Torch(float[] y, float[] dx, float[] dKernel, float[] dBias) {
    }

    /**
     * PyTorch's conv1d on [B, C, T] with weight [F, C, K]. "same" with an odd kernel and stride 1 uses PyTorch's own
     * symmetric padding (K-1)/2; other "same" cases pad zeros explicitly by TensorFlow's rule (⌊total/2⌋ left, rest right).
     */
    private static Torch torchConv(float[] x, float[] kernel, float[] bias, int k, int stride, boolean same) {
        float[] weight = new float[F * C * k];
        for (int t = 0; t < k; t++) for (int c = 0; c < C; c++) for (int f = 0; f < F; f++) weight[(f * C + c) * k + t] = kernel[(t * C + c) * F + f];
        try (NDManager m = TorchArrays.manager()) {
            NDArray xs = TorchArrays.of(m, x, B, T, C);
            NDArray w = TorchArrays.of(m, weight, F, C, k);
            NDArray b = TorchArrays.of(m, bias, F);
            for (NDArray leaf : List.of(xs, w, b)) leaf.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray input = xs.transpose(0, 2, 1);
                int symmetric = 0;
                if (same && k % 2 == 1 && stride == 1) {
                    symmetric = (k - 1) / 2;
                } else if (same) {
                    int out = (T + stride - 1) / stride;
                    int total = Math.max((out - 1) * stride + k - T, 0);
                    int left = total / 2;
                    input = m.zeros(new Shape(B, C, left)).concat(input, 2).concat(m.zeros(new Shape(B, C, total - left)), 2);
                }
                NDArray y = input.getNDArrayInternal().convolution(input, w, b, new Shape(stride), new Shape(symmetric), new Shape(1), 1).get(0)
                        .transpose(0, 2, 1);
                float[] yv = y.toFloatArray();
                NDArray r = TorchArrays.of(m, GradCheck.weights(yv.length, k), y.getShape().getShape());
                gc.backward(y.mul(r).sum());
                float[] dw = w.getGradient().toFloatArray();
                float[] dKernel = new float[dw.length];
                for (int t = 0; t < k; t++) for (int c = 0; c < C; c++) for (int f = 0; f < F; f++) dKernel[(t * C + c) * F + f] = dw[(f * C + c) * k + t];
                return new Torch(yv, xs.getGradient().toFloatArray(), dKernel, b.getGradient().toFloatArray());
            }
        }
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            assertTrue(Math.abs(expected[i] - actual[i]) <= 1e-5 + 1e-4 * Math.abs(expected[i]), what + "[" + i + "]: PyTorch " + expected[i] + ", rnn4j " + actual[i]);
        }
    }

    @Test
    void maskIsDroppedAndConfigRoundTrips() {
        float[] v = new float[B * T * C];
        for (int i = 0; i < v.length; i++) v[i] = i / (float) v.length;
        try (Model model = Sequential.of(Input.floats(T, C), Layers.masking(0f), Layers.conv1d(F, 3).padding("same")).build(backend, 1);
             GradientTape tape = model.tape(false)) {
            Variable out = model.call(tape, tape.constant(scope.fromArray(v, B, T, C)));
            assertNull(out.seqLengths(), "Conv1D must not propagate a mask");
        }
        Conv1D layer = Layers.conv1d(4, 5, "relu").strides(2).padding("same").useBias(false);
        assertEquals(layer.config(), Layers.fromConfig(layer.type(), layer.config()).config());
    }

    @Test
    void badInputIsRejectedWithAClearMessage() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Layers.conv1d(0, 3)).getMessage().contains("filters"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Layers.conv1d(2, 0)).getMessage().contains("kernel_size"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Layers.conv1d(2, 3).strides(0)).getMessage().contains("strides"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Layers.conv1d(2, 3).padding("causal")).getMessage().contains("padding"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Layers.conv1d(2, 3, "gelu")).getMessage().contains("activation"));
        // kernel longer than the sequence with "valid": at build when T is known, at call when it is not
        assertTrue(assertThrows(IllegalArgumentException.class, () -> conv(Layers.conv1d(F, 8), T).build(backend, 1)).getMessage().contains("kernel_size"));
        try (Model model = conv(Layers.conv1d(F, 4), -1).build(backend, 1); GradientTape tape = model.tape(false)) {
            Variable x = tape.constant(GradCheck.uniform(scope, 3, B, 3, C));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> model.call(tape, x)).getMessage().contains("at least kernel_size = 4 steps, got 3"));
        }
        // wrong rank: [batch, features] where [batch, time, channels] is needed
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Sequential.of(Input.floats(C), Layers.conv1d(F, 1)).build(backend, 1))
                .getMessage().contains("[batch, time, channels]"));
        // wrong channel count at call time
        try (Model model = conv(Layers.conv1d(F, 2), -1).build(backend, 1); GradientTape tape = model.tape(false)) {
            Conv1D layer = (Conv1D) model.layers().getFirst();
            Variable x = tape.constant(GradCheck.uniform(scope, 4, B, 5, C + 1));
            assertThrows(IllegalArgumentException.class, () -> layer.call(tape, List.of(x)));
        }
    }
}

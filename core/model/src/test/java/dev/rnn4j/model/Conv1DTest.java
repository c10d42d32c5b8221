package dev.rnn4j.model;

import dev.rnn4j.backend.Backends;
import dev.rnn4j.backend.Backend;
import dev.rnn4j.model.layers.Conv1D;
import dev.rnn4j.model.layers.Layers;
import dev.rnn4j.model.ops.ConvOps;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;
import dev.rnn4j.testing.PyTorchDefects;
import dev.rnn4j.testing.ReferenceFirst;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Conv1D: finite-difference gradients (input, kernel, bias) over padding ("valid", "same", "causal") × stride ×
 * dilation × kernel size; the forward and all gradients against a double-precision conv1d loop, then PyTorch's
 * conv1d (DJL) with the kernel permuted to [out, in, k] as a cross-check of conventions; causality; and bad input.
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
        for (String padding : new String[] {"valid", "same", "causal"}) {
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
    void dilatedGradientsOverPadding() {
        Tensor x = GradCheck.uniform(scope, 5, B, T, C);
        for (String padding : new String[] {"valid", "same", "causal"}) {
            for (int[] kd : new int[][] {{2, 2}, {3, 2}, {2, 3}, {3, 3}}) {
                try (Model model = conv(Layers.conv1d(F, kd[0]).dilationRate(kd[1]).padding(padding), T).build(backend, kd[0] * 10L + kd[1])) {
                    new GradCheck(backend).check((tape, in) -> model.call(tape, in.getFirst()), List.of(x), model.parameters(), 8);
                }
            }
        }
    }

    /** With padding "causal" output step t depends on input steps up to t only: changing later steps leaves it as it was. */
    @Test
    void causalOutputsDoNotSeeTheFuture() {
        float[] a = GradCheck.uniform(scope, 6, B, T, C).toFloatArray();
        float[] b = a.clone();
        int changedFrom = 4;
        for (int i = 0; i < b.length; i++) if (i / C % T >= changedFrom) b[i] += 1f;
        try (Model model = conv(Layers.conv1d(F, 3).dilationRate(2).padding("causal"), T).build(backend, 2)) {
            assertArrayEquals(new long[] {T, F}, model.outputShapes().getFirst());
            float[] ya = model.predict(scope, scope.fromArray(a, B, T, C), B).toFloatArray();
            float[] yb = model.predict(scope, scope.fromArray(b, B, T, C), B).toFloatArray();
            for (int i = 0; i < ya.length; i++) {
                int step = i / F % T;
                if (step < changedFrom) assertEquals(ya[i], yb[i], 0f, "step " + step + " saw a later input");
                else assertTrue(ya[i] != yb[i], "step " + step + " should see its own input");
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
        assertArrayEquals(new long[] {3, F}, conv(Layers.conv1d(F, 3).dilationRate(2), 7).build(backend, 1).outputShapes().getFirst());
        assertArrayEquals(new long[] {7, F}, conv(Layers.conv1d(F, 3).dilationRate(2).padding("causal"), 7).build(backend, 1).outputShapes().getFirst());
        assertArrayEquals(new long[] {4, F}, conv(Layers.conv1d(F, 3).strides(2).padding("causal"), 7).build(backend, 1).outputShapes().getFirst());
        // TensorFlow's "same": an even kernel pads one step more on the right
        assertEquals(new ConvOps.Window(7, 4, 1, 1, 1, 7), ConvOps.Window.same(7, 4, 1, 1));
        assertEquals(new ConvOps.Window(7, 5, 1, 1, 2, 7), ConvOps.Window.same(7, 5, 1, 1));
        assertEquals(new ConvOps.Window(8, 3, 2, 1, 0, 4), ConvOps.Window.same(8, 3, 2, 1));
        assertEquals(new ConvOps.Window(7, 3, 2, 1, 1, 4), ConvOps.Window.same(7, 3, 2, 1));
        // dilation: the kernel spans d·(k − 1) + 1 steps; "causal" pads all of span − 1 on the left
        assertEquals(new ConvOps.Window(7, 3, 1, 2, 2, 7), ConvOps.Window.same(7, 3, 1, 2));
        assertEquals(new ConvOps.Window(7, 3, 1, 2, 4, 7), ConvOps.Window.causal(7, 3, 1, 2));
        assertEquals(new ConvOps.Window(7, 3, 1, 3, 0, 1), ConvOps.Window.valid(7, 3, 1, 3));
    }

    /**
     * rnn4j's layer against the double-precision {@link ReferenceConv1d} first (forward, and input, kernel and bias
     * gradients), then PyTorch's conv1d against the same reference, then rnn4j against PyTorch (conventions: kernel
     * layout, padding rule, dilation); every element within 1e-5 + 1e-4·|expected|.
     */
    @Test
    void forwardAndGradientsMatchTheDoubleReferenceThenPyTorchConv1d() {
        String[] paddings = {"valid", "same", "causal"};
        int[][] cases = { // kernel, stride, padding (index into paddings), dilation
                {1, 1, 0, 1}, {3, 1, 0, 1}, {5, 2, 0, 1}, {4, 2, 0, 1},
                {1, 1, 1, 1}, {3, 1, 1, 1}, {5, 1, 1, 1}, {3, 2, 1, 1}, {2, 1, 1, 1}, {4, 1, 1, 1}, {4, 2, 1, 1},
                {3, 1, 0, 2}, {2, 1, 0, 3}, {3, 1, 1, 2}, {2, 1, 1, 2}, {2, 1, 1, 3},
                {1, 1, 2, 1}, {3, 1, 2, 1}, {3, 2, 2, 1}, {3, 1, 2, 2}, {2, 1, 2, 3}};
        for (int[] c : cases) {
            Conv1dCase conv = new Conv1dCase(c[0], c[1], paddings[c[2]], c[3]);
            Conv1dCase.Rnn4jRun run = conv.rnn4j(backend);
            Conv1dCase.Outputs ours = run.outputs();
            ReferenceConv1d.Outputs reference = new ReferenceConv1d(conv).outputs(run.x(), run.kernel(), Conv1dCase.BIAS, conv.r());
            Conv1dCase.Outputs torch = TorchConv1d.outputs(conv, run.x(), run.kernel(), Conv1dCase.BIAS, conv.r());
            ReferenceFirst.Distance distance = ReferenceFirst.Distance.elementwise(1e-5, 1e-4);
            String defect = PyTorchDefects.CONV1D_INPUT_GRADIENT;
            ReferenceFirst.check(conv + " output", reference.y(), ours.y(), torch.y(), distance, defect);
            ReferenceFirst.check(conv + " d input", reference.dx(), ours.dx(), torch.dx(), distance, defect);
            ReferenceFirst.check(conv + " d kernel", reference.dKernel(), ours.dKernel(), torch.dKernel(), distance, defect);
            ReferenceFirst.check(conv + " d bias", reference.dBias(), ours.dBias(), torch.dBias(), distance, defect);
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
        Conv1D causal = Layers.conv1d(4, 3).dilationRate(4).padding("causal");
        assertEquals(causal.config(), Layers.fromConfig(causal.type(), causal.config()).config());
        // a config written before dilation_rate existed loads with dilation 1
        java.util.Map<String, Object> old = new java.util.HashMap<>(layer.config());
        old.remove("dilation_rate");
        assertEquals(layer.config(), Layers.fromConfig("Conv1D", old).config());
    }

    @Test
    void badInputIsRejectedWithAClearMessage() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Layers.conv1d(0, 3)).getMessage().contains("filters"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Layers.conv1d(2, 0)).getMessage().contains("kernel_size"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Layers.conv1d(2, 3).strides(0)).getMessage().contains("strides"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Layers.conv1d(2, 3).padding("full")).getMessage().contains("padding"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Layers.conv1d(2, 3).dilationRate(0)).getMessage().contains("dilation_rate"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Layers.conv1d(2, 3).strides(2).dilationRate(2)).getMessage().contains("cannot both be > 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Layers.conv1d(2, 3).dilationRate(2).strides(2)).getMessage().contains("cannot both be > 1"));
        // a dilated kernel longer than the sequence with "valid"
        assertTrue(assertThrows(IllegalArgumentException.class, () -> conv(Layers.conv1d(F, 3).dilationRate(4), T).build(backend, 1)).getMessage()
                .contains("dilation_rate·(kernel_size - 1) + 1 = 9 steps, got 7"));
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

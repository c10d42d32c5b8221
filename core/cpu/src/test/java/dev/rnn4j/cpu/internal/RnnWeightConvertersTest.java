package dev.rnn4j.cpu.internal;

import dev.rnn4j.rnn.KerasRnnWeights;
import dev.rnn4j.rnn.PyTorchRnnWeights;
import dev.rnn4j.rnn.RnnBiasMode;
import dev.rnn4j.rnn.RnnDataDescriptor;
import dev.rnn4j.rnn.RnnDataLayout;
import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.rnn.RnnMode;
import dev.rnn4j.testing.ReferenceRnn;
import dev.rnn4j.testing.RnnProblem;
import dev.rnn4j.testing.Norms;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RnnWeightConvertersTest {

    private static final Random RND = new Random(17);

    @Test
    void pyTorchNamesShapesAndOrder() {
        RnnDescriptor rnn = RnnDescriptor.of(RnnMode.LSTM, 2, true, 3, 5);
        List<PyTorchRnnWeights.Parameter> params = PyTorchRnnWeights.parameters(rnn);
        assertEquals(List.of("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0",
                "weight_ih_l0_reverse", "weight_hh_l0_reverse", "bias_ih_l0_reverse", "bias_hh_l0_reverse",
                "weight_ih_l1", "weight_hh_l1", "bias_ih_l1", "bias_hh_l1",
                "weight_ih_l1_reverse", "weight_hh_l1_reverse", "bias_ih_l1_reverse", "bias_hh_l1_reverse"),
                params.stream().map(PyTorchRnnWeights.Parameter::name).toList());
        assertArrayEquals(new long[] {20, 3}, params.get(0).shape());
        assertArrayEquals(new long[] {20, 10}, params.get(8).shape());
        assertArrayEquals(new long[] {20, 5}, params.get(9).shape());
        // the canonical block is weight_ih, weight_hh, bias_ih, bias_hh in PyTorch's order: a plain concatenation
        float[] w = RnnProblem.uniform(RND, (int) rnn.weightLayout().size(), 1f);
        float[] concatenated = PyTorchRnnWeights.toPyTorch(rnn, w).values().stream()
                .reduce(new float[0], RnnWeightConvertersTest::concat);
        assertArrayEquals(w, concatenated);
        assertEquals(0, PyTorchRnnWeights.parameters(new RnnDescriptor(RnnMode.GRU, 1, false, 2, 2, RnnBiasMode.NO_BIAS, 0f, 0))
                .stream().filter(p -> p.name().startsWith("bias")).count());
    }

    @Test
    void pyTorchRoundTripsEveryModeAndBiasMode() {
        for (RnnMode mode : RnnMode.values()) {
            for (RnnBiasMode bias : RnnBiasMode.values()) {
                RnnDescriptor rnn = new RnnDescriptor(mode, 2, true, 3, 4, bias, 0f, 0L);
                float[] w = RnnProblem.uniform(RND, (int) rnn.weightLayout().size(), 1f);
                Map<String, float[]> torch = PyTorchRnnWeights.toPyTorch(rnn, w);
                assertArrayEquals(w, PyTorchRnnWeights.fromPyTorch(rnn, torch), rnn.toString());
                if (bias == RnnBiasMode.SINGLE_INP_BIAS) {
                    assertTrue(allZero(torch.get("bias_hh_l1_reverse")), "a missing bias is exported as zeros");
                    torch.get("bias_hh_l1_reverse")[2] = 1f;
                    assertThrows(IllegalArgumentException.class, () -> PyTorchRnnWeights.fromPyTorch(rnn, torch));
                }
            }
        }
        RnnDescriptor rnn = RnnDescriptor.of(RnnMode.GRU, 1, false, 2, 3);
        Map<String, float[]> torch = PyTorchRnnWeights.toPyTorch(rnn, new float[(int) rnn.weightLayout().size()]);
        torch.remove("weight_hh_l0");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PyTorchRnnWeights.fromPyTorch(rnn, torch));
        assertTrue(e.getMessage().contains("weight_hh_l0"), e.getMessage());
        torch.put("weight_hh_l0", new float[5]);
        assertThrows(IllegalArgumentException.class, () -> PyTorchRnnWeights.fromPyTorch(rnn, torch));
        assertThrows(IllegalArgumentException.class, () -> PyTorchRnnWeights.toPyTorch(rnn, new float[3]));
    }

    @Test
    void kerasRoundTripsAndKeepsTheFunction() {
        for (RnnMode mode : RnnMode.values()) {
            for (RnnBiasMode bias : RnnBiasMode.values()) {
                RnnDescriptor rnn = new RnnDescriptor(mode, 2, true, 3, 4, bias, 0f, 0L);
                float[] w = RnnProblem.uniform(RND, (int) rnn.weightLayout().size(), 0.5f);
                float[] back = new float[w.length];
                for (int l = 0; l < 2; l++) {
                    for (int d = 0; d < 2; d++) {
                        KerasRnnWeights.KerasCell cell = KerasRnnWeights.toKeras(rnn, w, l, d);
                        assertEquals(count(KerasRnnWeights.kernelShape(rnn, l)), cell.kernel().length);
                        assertEquals(count(KerasRnnWeights.recurrentKernelShape(rnn)), cell.recurrentKernel().length);
                        long[] biasShape = KerasRnnWeights.biasShape(rnn);
                        assertEquals(biasShape == null ? -1 : count(biasShape), cell.bias() == null ? -1 : cell.bias().length);
                        KerasRnnWeights.fromKeras(rnn, cell, l, d, back);
                        KerasRnnWeights.KerasCell again = KerasRnnWeights.toKeras(rnn, back, l, d);
                        assertArrayEquals(cell.kernel(), again.kernel());
                        assertArrayEquals(cell.recurrentKernel(), again.recurrentKernel());
                        assertArrayEquals(cell.bias(), again.bias());
                    }
                }
                boolean folded = bias == RnnBiasMode.DOUBLE_BIAS && mode != RnnMode.GRU;
                if (!folded) assertArrayEquals(w, back, rnn.toString());
                // folded or not, the RNN computes the same function
                RnnProblem r = RnnProblem.random(RND, rnn, RnnDataDescriptor.full(3, 2, 3, RnnDataLayout.SEQ_MAJOR), true);
                RnnProblem p = new RnnProblem(rnn, r.xDesc(), r.x(), r.hx(), r.cx(), w, r.gy(), r.gh(), r.gc());
                RnnProblem q = new RnnProblem(rnn, r.xDesc(), r.x(), r.hx(), r.cx(), back, r.gy(), r.gh(), r.gc());
                assertTrue(Norms.relativeError(CpuRnnRun.of(q).y(), CpuRnnRun.of(p).y()) < 1e-6, rnn.toString());
            }
        }
    }

    @Test
    void kerasRejectsBiasesTheModeLacks() {
        RnnDescriptor rnn = new RnnDescriptor(RnnMode.GRU, 1, false, 2, 3, RnnBiasMode.SINGLE_INP_BIAS, 0f, 0L);
        float[] w = new float[(int) rnn.weightLayout().size()];
        KerasRnnWeights.KerasCell cell = KerasRnnWeights.toKeras(rnn, w, 0, 0);
        cell.bias()[9 + 1] = 2f; // row 1: the recurrent bias
        assertThrows(IllegalArgumentException.class, () -> KerasRnnWeights.fromKeras(rnn, cell, 0, 0, w));
        RnnDescriptor noBias = new RnnDescriptor(RnnMode.LSTM, 1, false, 2, 3, RnnBiasMode.NO_BIAS, 0f, 0L);
        float[] w2 = new float[(int) noBias.weightLayout().size()];
        KerasRnnWeights.KerasCell withBias = new KerasRnnWeights.KerasCell(new float[24], new float[36], new float[12]);
        withBias.bias()[0] = 1f;
        assertThrows(IllegalArgumentException.class, () -> KerasRnnWeights.fromKeras(noBias, withBias, 0, 0, w2));
        assertThrows(IllegalArgumentException.class,
                () -> KerasRnnWeights.fromKeras(noBias, new KerasRnnWeights.KerasCell(new float[23], new float[36], null), 0, 0, w2));
    }

    /** Keras' own equations (written here in Keras' weight terms and gate order) agree with the RNN on imported weights. */
    @Test
    void kerasWeightsMeanKerasEquations() {
        for (RnnMode mode : new RnnMode[] {RnnMode.LSTM, RnnMode.GRU, RnnMode.RNN_TANH}) {
            int in = 3;
            int hidden = 4;
            int rows = mode.gates() * hidden;
            RnnDescriptor rnn = new RnnDescriptor(mode, 1, false, in, hidden, RnnBiasMode.DOUBLE_BIAS, 0f, 0L);
            KerasRnnWeights.KerasCell cell = new KerasRnnWeights.KerasCell(RnnProblem.uniform(RND, in * rows, 0.7f),
                    RnnProblem.uniform(RND, hidden * rows, 0.7f), RnnProblem.uniform(RND, (mode == RnnMode.GRU ? 2 : 1) * rows, 0.7f));
            float[] w = new float[(int) rnn.weightLayout().size()];
            KerasRnnWeights.fromKeras(rnn, cell, 0, 0, w);
            int steps = 4;
            RnnProblem p = RnnProblem.random(RND, rnn, RnnDataDescriptor.full(steps, 1, in, RnnDataLayout.BATCH_MAJOR), false);
            p = new RnnProblem(rnn, p.xDesc(), p.x(), null, null, w, p.gy(), p.gh(), p.gc());
            double[] expected = kerasSequence(mode, cell, p.x(), steps, in, hidden);
            assertTrue(Norms.relativeError(CpuRnnRun.of(p).y(), expected) < 1e-5, mode.toString());
        }
    }

    /** Keras: LSTM gates i, f, c, o; GRU z, r, h with reset_after; SimpleRNN tanh. x·kernel + h·recurrent_kernel + bias. */
    private static double[] kerasSequence(RnnMode mode, KerasRnnWeights.KerasCell cell, float[] x, int steps, int in, int hidden) {
        int rows = mode.gates() * hidden;
        double[] h = new double[hidden];
        double[] c = new double[hidden];
        double[] y = new double[steps * hidden];
        for (int t = 0; t < steps; t++) {
            double[] xk = new double[rows];
            double[] hk = new double[rows];
            for (int col = 0; col < rows; col++) {
                xk[col] = cell.bias()[col];
                hk[col] = mode == RnnMode.GRU ? cell.bias()[rows + col] : 0;
                for (int i = 0; i < in; i++) xk[col] += x[t * in + i] * cell.kernel()[i * rows + col];
                for (int j = 0; j < hidden; j++) hk[col] += h[j] * cell.recurrentKernel()[j * rows + col];
            }
            double[] next = new double[hidden];
            for (int j = 0; j < hidden; j++) {
                switch (mode) {
                    case LSTM -> {
                        double i = ReferenceRnn.sigmoid(xk[j] + hk[j]);
                        double f = ReferenceRnn.sigmoid(xk[hidden + j] + hk[hidden + j]);
                        double g = Math.tanh(xk[2 * hidden + j] + hk[2 * hidden + j]);
                        double o = ReferenceRnn.sigmoid(xk[3 * hidden + j] + hk[3 * hidden + j]);
                        c[j] = f * c[j] + i * g;
                        next[j] = o * Math.tanh(c[j]);
                    }
                    case GRU -> {
                        double z = ReferenceRnn.sigmoid(xk[j] + hk[j]);
                        double r = ReferenceRnn.sigmoid(xk[hidden + j] + hk[hidden + j]);
                        double hh = Math.tanh(xk[2 * hidden + j] + r * hk[2 * hidden + j]);
                        next[j] = z * h[j] + (1 - z) * hh;
                    }
                    default -> next[j] = Math.tanh(xk[j] + hk[j]);
                }
            }
            h = next;
            System.arraycopy(h, 0, y, t * hidden, hidden);
        }
        return y;
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static boolean allZero(float[] a) {
        for (float v : a) {
            if (v != 0f) return false;
        }
        return true;
    }

    private static long count(long[] shape) {
        return RnnProblem.count(shape);
    }
}

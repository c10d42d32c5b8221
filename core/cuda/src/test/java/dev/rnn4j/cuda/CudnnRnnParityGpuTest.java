package dev.rnn4j.cuda;

import static dev.rnn4j.cuda.GpuFixture.get;
import static dev.rnn4j.cuda.GpuFixture.put;
import static dev.rnn4j.cuda.GpuFixture.random;
import static dev.rnn4j.cuda.GpuFixture.relativeError;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.rnn.RnnBiasMode;
import dev.rnn4j.rnn.RnnDataDescriptor;
import dev.rnn4j.rnn.RnnDataLayout;
import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.rnn.RnnForwardMode;
import dev.rnn4j.rnn.RnnMode;
import dev.rnn4j.rnn.RnnPlan;
import dev.rnn4j.rnn.RnnSpaceSizes;
import dev.rnn4j.tensor.DType;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * cuDNN's RNN against the CPU engine: same canonical weights, same padded inputs with per-sequence lengths,
 * forward (y, hy, cy), backward data (dx, dhx, dcx) and backward weights, relative error <= 1e-4 in FP32
 * with TF32 off. Needs a GPU.
 */
class CudnnRnnParityGpuTest extends GpuVersusCpu {

    static Stream<Object[]> configs() {
        List<Object[]> c = new ArrayList<>();
        for (RnnMode mode : RnnMode.values()) {
            for (boolean bidi : new boolean[] {false, true}) {
                for (int layers : new int[] {1, 2}) {
                    for (RnnBiasMode bias : new RnnBiasMode[] {RnnBiasMode.DOUBLE_BIAS, RnnBiasMode.NO_BIAS, RnnBiasMode.SINGLE_INP_BIAS}) {
                        for (RnnDataLayout layout : RnnDataLayout.values()) c.add(new Object[] {mode, bidi, layers, bias, layout});
                    }
                }
            }
        }
        return c.stream();
    }

    /** Every output of one training step, flattened: y, hy, cy, dx, dhx, dcx, dW. */
    private static List<float[]> step(Backend be, RnnDescriptor rnn, RnnDataDescriptor xDesc, float[] w, float[] x, float[] h0, float[] c0,
                                      float[] dy, float[] dhy, float[] dcy) {
        List<float[]> out = new ArrayList<>();
        boolean lstm = rnn.mode().hasCellState();
        long[] state = {(long) rnn.numLayers() * rnn.directions(), xDesc.batchSize(), rnn.hiddenSize()};
        long[] yShape = xDesc.withVectorSize(rnn.outputSize()).shape();
        try (TensorScope s = TensorScope.open(); RnnPlan plan = be.rnn(rnn)) {
            RnnSpaceSizes sizes = plan.spaceSizes(RnnForwardMode.TRAINING, xDesc);
            Tensor work = sizes.workSpaceSize() == 0 ? null : be.allocate(s, DType.FLOAT32, sizes.workSpaceSize());
            Tensor reserve = sizes.reserveSpaceSize() == 0 ? null : be.allocate(s, DType.FLOAT32, sizes.reserveSpaceSize());
            Tensor tw = put(be, s, w, w.length), tx = put(be, s, x, xDesc.shape()), hx = put(be, s, h0, state);
            Tensor cx = lstm ? put(be, s, c0, state) : null;
            Tensor y = be.allocate(s, DType.FLOAT32, yShape), hy = be.allocate(s, DType.FLOAT32, state);
            Tensor cy = lstm ? be.allocate(s, DType.FLOAT32, state) : null;
            plan.forward(RnnForwardMode.TRAINING, xDesc, tx, y, hx, hy, cx, cy, tw, work, reserve);
            Tensor tdy = put(be, s, dy, yShape), tdhy = put(be, s, dhy, state), tdcy = lstm ? put(be, s, dcy, state) : null;
            Tensor dx = be.allocate(s, DType.FLOAT32, xDesc.shape()), dhx = be.allocate(s, DType.FLOAT32, state);
            Tensor dcx = lstm ? be.allocate(s, DType.FLOAT32, state) : null;
            plan.backwardData(xDesc, y, tdy, dx, hx, tdhy, dhx, cx, tdcy, dcx, tw, work, reserve);
            Tensor dw = be.allocate(s, DType.FLOAT32, w.length);
            plan.backwardWeights(xDesc, tx, hx, y, dw, work, reserve);
            for (Tensor t : new Tensor[] {y, hy, cy, dx, dhx, dcx, dw}) out.add(t == null ? new float[0] : get(be, t));
        }
        return out;
    }

    @ParameterizedTest(name = "{0} bidi={1} layers={2} {3} {4}")
    @MethodSource("configs")
    void trainingStepMatchesTheCpu(RnnMode mode, boolean bidi, int layers, RnnBiasMode bias, RnnDataLayout layout) {
        Random rnd = new Random(mode.ordinal() * 100 + layers * 10 + (bidi ? 1 : 0));
        RnnDescriptor rnn = new RnnDescriptor(mode, layers, bidi, 6, 5, bias, 0f, 0L);
        RnnDataDescriptor xDesc = new RnnDataDescriptor(7, 3, 6, new int[] {7, 4, 1}, layout);
        int stateSize = layers * rnn.directions() * 3 * 5;
        int ySize = 7 * 3 * rnn.outputSize();
        float[] w = random(rnd, (int) rnn.weightLayout().size());
        for (int i = 0; i < w.length; i++) w[i] *= 0.3f;
        float[] x = random(rnd, 7 * 3 * 6), h0 = random(rnd, stateSize), c0 = random(rnd, stateSize);
        float[] dy = random(rnd, ySize), dhy = random(rnd, stateSize), dcy = random(rnd, stateSize);
        List<float[]> expected = step(cpu, rnn, xDesc, w, x, h0, c0, dy, dhy, dcy);
        List<float[]> actual = step(gpu, rnn, xDesc, w, x, h0, c0, dy, dhy, dcy);
        String[] names = {"y", "hy", "cy", "dx", "dhx", "dcx", "dW"};
        for (int i = 0; i < names.length; i++) {
            double err = relativeError(expected.get(i), actual.get(i));
            assertTrue(err <= 1e-4, names[i] + " relative error " + err);
        }
    }
}

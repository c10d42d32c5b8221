package dev.rnn4j.cpu.internal;

import dev.rnn4j.rnn.PyTorchRnnWeights;
import dev.rnn4j.rnn.RnnBiasMode;
import dev.rnn4j.rnn.RnnDataDescriptor;
import dev.rnn4j.rnn.RnnDataLayout;
import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.testing.ReferenceRnn;
import dev.rnn4j.testing.RnnProblem;
import dev.rnn4j.testing.Norms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.rnn4j.testing.TorchArrays;
import dev.rnn4j.testing.TorchRnn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CPU RNN against PyTorch (through DJL) with identical weights and inputs: y, hy, cy and every gradient,
 * norm-wise relative error ≤ 1e-5, over seeded random configurations (every mode and bias mode, 1-3 layers,
 * both directions and layouts, T and B from 1). A ragged batch is compared sequence by sequence against
 * PyTorch run on that sequence alone (DJL does not expose packed sequences); the weight gradients then
 * against the sum over the sequences.
 */
class CpuRnnPyTorchParityTest {

    private static final double TOLERANCE = 1e-5;

    static IntStream seeds() {
        return IntStream.range(0, 48);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void matchesPyTorch(int seed) {
        Random rnd = new Random(1000 + seed);
        int[] hiddens = {1, 3, 16, 20, 33};
        check(seed, rnd, hiddens[rnd.nextInt(hiddens.length)], 5);
    }

    /** Hidden sizes that the CPU time loop cuts into several slices run by different threads, batches past one row tile. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("slicedSeeds")
    void matchesPyTorchWithSeveralHiddenSlices(int seed) {
        Random rnd = new Random(2000 + seed);
        int[] hiddens = {70, 100, 129};
        check(seed, rnd, hiddens[seed % hiddens.length], 13);
    }

    static IntStream slicedSeeds() {
        return IntStream.range(0, 8);
    }

    private static void check(int seed, Random rnd, int hidden, int maxBatch) {
        RnnDescriptor rnn = RnnProblem.randomRnn(rnd, 3, 1 + rnd.nextInt(24), hidden);
        int steps = seed % 5 == 0 ? 1 : 1 + rnd.nextInt(7);
        int batch = seed % 7 == 0 ? 1 : 1 + rnd.nextInt(maxBatch);
        RnnDataLayout layout = rnd.nextBoolean() ? RnnDataLayout.SEQ_MAJOR : RnnDataLayout.BATCH_MAJOR;
        RnnDataDescriptor xDesc = seed % 2 == 0
                ? RnnDataDescriptor.full(steps, batch, rnn.inputSize(), layout)
                : RnnProblem.raggedBatch(rnd, steps, batch, rnn.inputSize(), layout);
        RnnProblem p = RnnProblem.random(rnd, rnn, xDesc, rnd.nextInt(4) != 0);
        CpuRnnRun kernel = CpuRnnRun.of(p);
        if (seed % 2 == 0) {
            compareWholeBatch(p, kernel);
        } else {
            compareEachSequence(p, kernel);
        }
    }

    private static void compareWholeBatch(RnnProblem p, CpuRnnRun kernel) {
        TorchRnn.Result torch = torch(p, p.x(), p.xDesc().maxSeqLength(), p.xDesc().batchSize(), p.hx(), p.cx(), p.gy(), p.gh(), p.gc());
        assertClose("y", kernel.y(), torch.y(), p);
        assertClose("hy", kernel.hy(), torch.hy(), p);
        assertClose("dx", kernel.dx(), torch.dx(), p);
        assertClose("dhx", kernel.dhx(), torch.dhx(), p);
        if (p.rnn().mode().hasCellState()) {
            assertClose("cy", kernel.cy(), torch.cy(), p);
            assertClose("dcx", kernel.dcx(), torch.dcx(), p);
        }
        compareWeightGradients(p, kernel, torch.dParams());
    }

    private static void compareEachSequence(RnnProblem p, CpuRnnRun kernel) {
        RnnDescriptor rnn = p.rnn();
        RnnDataDescriptor xDesc = p.xDesc();
        boolean cell = rnn.mode().hasCellState();
        // PyTorch's per-sequence results assembled into whole padded tensors (zeros past each length)
        float[] y = new float[kernel.y().length];
        float[] dx = new float[kernel.dx().length];
        float[] hy = new float[kernel.hy().length];
        float[] dhx = new float[kernel.dhx().length];
        float[] cy = cell ? new float[hy.length] : null;
        float[] dcx = cell ? new float[hy.length] : null;
        List<float[]> dParams = null;
        for (int b = 0; b < xDesc.batchSize(); b++) {
            int length = xDesc.seqLength(b);
            TorchRnn.Result torch = torch(p, sequence(p.x(), xDesc, b, length, rnn.inputSize()), length, 1,
                    state(p.hx(), p, b), state(p.cx(), p, b),
                    sequence(p.gy(), xDesc, b, length, rnn.outputSize()), state(p.gh(), p, b), state(p.gc(), p, b));
            putSequence(torch.y(), y, xDesc, b, rnn.outputSize());
            putSequence(torch.dx(), dx, xDesc, b, rnn.inputSize());
            putState(torch.hy(), hy, p, b);
            putState(torch.dhx(), dhx, p, b);
            if (cell) {
                putState(torch.cy(), cy, p, b);
                putState(torch.dcx(), dcx, p, b);
            }
            dParams = dParams == null ? torch.dParams() : add(dParams, torch.dParams());
            float[] padding = padding(kernel.y(), xDesc, b, rnn.outputSize());
            assertEquals(0, Norms.relativeError(padding, new double[padding.length]), "y past the length of sequence " + b + " for " + p);
            float[] dxPadding = padding(kernel.dx(), xDesc, b, rnn.inputSize());
            assertEquals(0, Norms.relativeError(dxPadding, new double[dxPadding.length]), "dx past the length of sequence " + b + " for " + p);
        }
        assertClose("y", kernel.y(), y, p);
        assertClose("dx", kernel.dx(), dx, p);
        assertClose("hy", kernel.hy(), hy, p);
        assertClose("dhx", kernel.dhx(), dhx, p);
        if (cell) {
            assertClose("cy", kernel.cy(), cy, p);
            assertClose("dcx", kernel.dcx(), dcx, p);
        }
        compareWeightGradients(p, kernel, dParams);
    }

    private static void compareWeightGradients(RnnProblem p, CpuRnnRun kernel, List<float[]> torchGradients) {
        Map<String, float[]> ours = PyTorchRnnWeights.toPyTorch(p.rnn(), kernel.dw());
        List<PyTorchRnnWeights.Parameter> params = PyTorchRnnWeights.parameters(p.rnn());
        for (int i = 0; i < params.size(); i++) {
            String name = params.get(i).name();
            boolean absent = name.startsWith("bias_ih") && !p.rnn().biasMode().hasInputBias()
                    || name.startsWith("bias_hh") && !p.rnn().biasMode().hasRecurrentBias();
            if (!absent) assertClose("d" + name, ours.get(name), torchGradients.get(i), p);
        }
    }

    private static TorchRnn.Result torch(RnnProblem p, float[] x, int steps, int batch, float[] hx, float[] cx,
                                         float[] gy, float[] gh, float[] gc) {
        RnnDescriptor rnn = p.rnn();
        boolean batchFirst = p.xDesc().layout() == RnnDataLayout.BATCH_MAJOR;
        long[] xShape = batchFirst ? new long[] {batch, steps, rnn.inputSize()} : new long[] {steps, batch, rnn.inputSize()};
        long[] yShape = batchFirst ? new long[] {batch, steps, rnn.outputSize()} : new long[] {steps, batch, rnn.outputSize()};
        long[] stateShape = {(long) rnn.numLayers() * rnn.directions(), batch, rnn.hiddenSize()};
        try (NDManager m = TorchArrays.manager()) {
            NDList params = new NDList();
            Map<String, float[]> weights = PyTorchRnnWeights.toPyTorch(rnn, p.w());
            for (PyTorchRnnWeights.Parameter param : PyTorchRnnWeights.parameters(rnn)) {
                params.add(TorchArrays.of(m, weights.get(param.name()), param.shape()));
            }
            TorchRnn.Config config = new TorchRnn.Config(rnn.mode(), rnn.numLayers(), rnn.bidirectional(),
                    rnn.biasMode() != RnnBiasMode.NO_BIAS, batchFirst);
            return TorchRnn.gradients(m, config, TorchArrays.of(m, x, xShape),
                    hx == null ? null : TorchArrays.of(m, hx, stateShape),
                    cx == null ? null : TorchArrays.of(m, cx, stateShape),
                    params, TorchArrays.of(m, gy, yShape), TorchArrays.of(m, gh, stateShape),
                    gc == null ? null : TorchArrays.of(m, gc, stateShape));
        }
    }

    /** The first {@code length} steps of sequence b, [length, width]. */
    private static float[] sequence(float[] data, RnnDataDescriptor desc, int b, int length, int width) {
        float[] out = new float[length * width];
        for (int t = 0; t < length; t++) {
            for (int i = 0; i < width; i++) out[t * width + i] = data[ReferenceRnn.sequenceIndex(desc, t, b, i, width)];
        }
        return out;
    }

    /** Writes sequence b ([length, width]) into padded data of desc's layout. */
    private static void putSequence(float[] seq, float[] data, RnnDataDescriptor desc, int b, int width) {
        for (int t = 0; t < seq.length / width; t++) {
            for (int i = 0; i < width; i++) data[ReferenceRnn.sequenceIndex(desc, t, b, i, width)] = seq[t * width + i];
        }
    }

    /** Writes the states of batch entry b ([layers·directions, 1, H]) into [layers·directions, B, H]. */
    private static void putState(float[] state, float[] data, RnnProblem p, int b) {
        int hidden = p.rnn().hiddenSize();
        for (int s = 0; s < state.length / hidden; s++) System.arraycopy(state, s * hidden, data, (s * p.xDesc().batchSize() + b) * hidden, hidden);
    }

    /** The steps of sequence b past its length. */
    private static float[] padding(float[] data, RnnDataDescriptor desc, int b, int width) {
        int length = desc.seqLength(b);
        float[] out = new float[(desc.maxSeqLength() - length) * width];
        for (int t = length; t < desc.maxSeqLength(); t++) {
            for (int i = 0; i < width; i++) out[(t - length) * width + i] = data[ReferenceRnn.sequenceIndex(desc, t, b, i, width)];
        }
        return out;
    }

    /** The states of batch entry b, [layers·directions, 1, H]; null stays null. */
    private static float[] state(float[] data, RnnProblem p, int b) {
        if (data == null) return null;
        int hidden = p.rnn().hiddenSize();
        int states = p.rnn().numLayers() * p.rnn().directions();
        float[] out = new float[states * hidden];
        for (int s = 0; s < states; s++) System.arraycopy(data, (s * p.xDesc().batchSize() + b) * hidden, out, s * hidden, hidden);
        return out;
    }

    private static List<float[]> add(List<float[]> a, List<float[]> b) {
        List<float[]> sum = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            float[] s = a.get(i).clone();
            for (int j = 0; j < s.length; j++) s[j] += b.get(i)[j];
            sum.add(s);
        }
        return sum;
    }

    private static void assertClose(String what, float[] ours, float[] torch, RnnProblem p) {
        double err = Norms.relativeError(ours, torch);
        System.out.printf("%-16s %.2e  %s%n", what, err, p);
        assertTrue(err <= TOLERANCE, what + ": relative error " + err + " > " + TOLERANCE + " against PyTorch for " + p);
    }
}

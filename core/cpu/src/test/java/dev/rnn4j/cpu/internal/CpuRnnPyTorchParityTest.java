package dev.rnn4j.cpu.internal;

import dev.rnn4j.testing.ReferenceRnnGradients;
import dev.rnn4j.rnn.PyTorchRnnWeights;
import dev.rnn4j.rnn.RnnBiasMode;
import dev.rnn4j.rnn.RnnDataDescriptor;
import dev.rnn4j.rnn.RnnDataLayout;
import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.rnn.RnnWeightLayout;
import dev.rnn4j.testing.ReferenceRnn;
import dev.rnn4j.testing.RnnProblem;
import dev.rnn4j.testing.Norms;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.rnn4j.testing.PyTorchDefects;
import dev.rnn4j.testing.ReferenceFirst;
import dev.rnn4j.testing.TorchArrays;
import dev.rnn4j.testing.TorchRnn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CPU RNN and PyTorch (through DJL) with identical weights and inputs, each against the double-precision
 * reference first ({@link ReferenceRnn} for y, hy, cy; its back-propagation {@link ReferenceRnnGradients} for
 * dx, dhx, dcx and every weight gradient), then against each other as the cross-check of conventions; every
 * comparison norm-wise relative error ≤ 1e-5, over seeded random configurations (every mode and bias mode, 1-3
 * layers, both directions and layouts, T and B from 1). A ragged batch is run by PyTorch sequence by sequence
 * (DJL does not expose packed sequences) and assembled; its weight gradients are the sum over the sequences.
 * A PyTorch result off the reference fails naming PyTorch and the oneDNN cause ({@link ReferenceFirst}).
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
        RnnProblem.Widened d = p.widened();
        ReferenceRnnGradients.Result reference = new ReferenceRnnGradients(rnn).of(xDesc, d.x(), d.hx(), d.cx(), d.w(), d.gy(), d.gh(), d.gc());
        TorchRnn.Result torch = seed % 2 == 0
                ? torch(p, p.x(), p.xDesc().maxSeqLength(), p.xDesc().batchSize(), p.hx(), p.cx(), p.gy(), p.gh(), p.gc())
                : torchEachSequence(p);
        if (seed % 2 != 0) assertZerosPastEachLength(p, kernel);
        check("y", reference.forward().y(), kernel.y(), torch.y(), p);
        check("hy", reference.forward().hy(), kernel.hy(), torch.hy(), p);
        check("dx", reference.dx(), kernel.dx(), torch.dx(), p);
        check("dhx", reference.dhx(), kernel.dhx(), torch.dhx(), p);
        if (rnn.mode().hasCellState()) {
            check("cy", reference.forward().cy(), kernel.cy(), torch.cy(), p);
            check("dcx", reference.dcx(), kernel.dcx(), torch.dcx(), p);
        }
        compareWeightGradients(p, reference.dw(), kernel.dw(), torch.dParams());
    }

    /** PyTorch run on each sequence of a ragged batch alone, assembled into whole padded tensors (zeros past each length). */
    private static TorchRnn.Result torchEachSequence(RnnProblem p) {
        RnnDescriptor rnn = p.rnn();
        RnnDataDescriptor xDesc = p.xDesc();
        boolean cell = rnn.mode().hasCellState();
        float[] y = new float[(int) RnnProblem.count(xDesc.withVectorSize(rnn.outputSize()).shape())];
        float[] dx = new float[(int) RnnProblem.count(xDesc.shape())];
        float[] hy = new float[p.stateCount()];
        float[] dhx = new float[p.stateCount()];
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
        }
        return new TorchRnn.Result(y, hy, cy, dx, dhx, dcx, dParams);
    }

    /** rnn4j's y and dx are exactly zero past each sequence's length. */
    private static void assertZerosPastEachLength(RnnProblem p, CpuRnnRun kernel) {
        for (int b = 0; b < p.xDesc().batchSize(); b++) {
            float[] padding = padding(kernel.y(), p.xDesc(), b, p.rnn().outputSize());
            assertEquals(0, Norms.relativeError(padding, new double[padding.length]), "y past the length of sequence " + b + " for " + p);
            float[] dxPadding = padding(kernel.dx(), p.xDesc(), b, p.rnn().inputSize());
            assertEquals(0, Norms.relativeError(dxPadding, new double[dxPadding.length]), "dx past the length of sequence " + b + " for " + p);
        }
    }

    /**
     * The weight gradients block by block of the canonical layout (input and recurrent matrix, each bias the mode
     * has, per layer and direction), named as PyTorch names them; PyTorch's are mapped back by PyTorchRnnWeights.
     */
    private static void compareWeightGradients(RnnProblem p, double[] reference, float[] ours, List<float[]> torchGradients) {
        RnnDescriptor rnn = p.rnn();
        Map<String, float[]> torchByName = new LinkedHashMap<>();
        List<PyTorchRnnWeights.Parameter> params = PyTorchRnnWeights.parameters(rnn);
        for (int i = 0; i < params.size(); i++) {
            String name = params.get(i).name();
            boolean absent = name.startsWith("bias_ih") && !rnn.biasMode().hasInputBias()
                    || name.startsWith("bias_hh") && !rnn.biasMode().hasRecurrentBias();
            if (!absent) torchByName.put(name, torchGradients.get(i));
        }
        float[] torch = PyTorchRnnWeights.fromPyTorch(rnn, torchByName);
        RnnWeightLayout layout = rnn.weightLayout();
        for (int l = 0; l < rnn.numLayers(); l++) {
            for (int d = 0; d < rnn.directions(); d++) {
                String suffix = "_l" + l + (d == 1 ? "_reverse" : "");
                long[][] blocks = {
                        {layout.inputWeightOffset(l, d), layout.inputWeightSize(l)},
                        {layout.recurrentWeightOffset(l, d), layout.recurrentWeightSize()},
                        {layout.inputBiasOffset(l, d), layout.gateRows()},
                        {layout.recurrentBiasOffset(l, d), layout.gateRows()}};
                String[] names = {"weight_ih", "weight_hh", "bias_ih", "bias_hh"};
                for (int k = 0; k < blocks.length; k++) {
                    if (blocks[k][0] < 0) continue;
                    int from = (int) blocks[k][0];
                    int to = from + (int) blocks[k][1];
                    check("d" + names[k] + suffix, Arrays.copyOfRange(reference, from, to), Arrays.copyOfRange(ours, from, to),
                            Arrays.copyOfRange(torch, from, to), p);
                }
            }
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

    private static void check(String what, double[] reference, float[] ours, float[] torch, RnnProblem p) {
        System.out.printf("%-24s rnn4j %.2e  pytorch %.2e (vs double reference)  %s%n", what, Norms.relativeError(ours, reference),
                Norms.relativeError(torch, reference), p);
        ReferenceFirst.check(what + " for " + p, reference, ours, torch, ReferenceFirst.Distance.relativeNorm(TOLERANCE), PyTorchDefects.RNN);
    }
}

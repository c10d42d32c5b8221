package dev.rnn4j.testing;

import dev.rnn4j.rnn.RnnBiasMode;
import dev.rnn4j.rnn.RnnDataDescriptor;
import dev.rnn4j.rnn.RnnDataLayout;
import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.rnn.RnnMode;
import dev.rnn4j.rnn.RnnPlan;

import java.util.Random;

/**
 * A seeded random RNN problem: the RNN, a data descriptor (ragged lengths), inputs, initial states,
 * weights and the loss weights gy, gh, gc of L = sum(y·gy) + sum(hy·gh) + sum(cy·gc). All row-major float
 * arrays in the RnnPlan shapes; hx/cx may be null (zeros); cx, gc are null without a cell state.
 */
public record RnnProblem(RnnDescriptor rnn, RnnDataDescriptor xDesc, float[] x, float[] hx, float[] cx, float[] w,
                  float[] gy, float[] gh, float[] gc) {

    public static RnnProblem random(Random rnd, RnnDescriptor rnn, RnnDataDescriptor xDesc, boolean initialStates) {
        int states = rnn.numLayers() * rnn.directions() * xDesc.batchSize() * rnn.hiddenSize();
        boolean cell = rnn.mode().hasCellState();
        float[] w = uniform(rnd, (int) rnn.weightLayout().size(), 0.6f);
        return new RnnProblem(rnn, xDesc,
                uniform(rnd, (int) count(xDesc.shape()), 1f),
                initialStates ? uniform(rnd, states, 0.8f) : null,
                initialStates && cell ? uniform(rnd, states, 0.8f) : null,
                w,
                uniform(rnd, (int) count(xDesc.withVectorSize(rnn.outputSize()).shape()), 1f),
                uniform(rnd, states, 1f),
                cell ? uniform(rnd, states, 1f) : null);
    }

    /** Random lengths in [1, maxSeqLength], with at least one sequence of full length. */
    public static RnnDataDescriptor raggedBatch(Random rnd, int maxSeqLength, int batch, int vectorSize, RnnDataLayout layout) {
        int[] lengths = new int[batch];
        for (int b = 0; b < batch; b++) lengths[b] = 1 + rnd.nextInt(maxSeqLength);
        lengths[rnd.nextInt(batch)] = maxSeqLength;
        return new RnnDataDescriptor(maxSeqLength, batch, vectorSize, lengths, layout);
    }

    /** A random RNN: any mode and bias mode, 1..maxLayers layers, either direction, no dropout. */
    public static RnnDescriptor randomRnn(Random rnd, int maxLayers, int inputSize, int hiddenSize) {
        RnnMode mode = RnnMode.values()[rnd.nextInt(RnnMode.values().length)];
        RnnBiasMode bias = RnnBiasMode.values()[rnd.nextInt(RnnBiasMode.values().length)];
        return new RnnDescriptor(mode, 1 + rnd.nextInt(maxLayers), rnd.nextBoolean(), inputSize, hiddenSize, bias, 0f, 0L);
    }

    /** The problem's arrays widened to double, absent initial states as zeros (gc stays null without a cell state). */
    public record Widened(double[] x, double[] hx, double[] cx, double[] w, double[] gy, double[] gh, double[] gc) {
    }

    public Widened widened() {
        return new Widened(toDouble(x), hx == null ? new double[stateCount()] : toDouble(hx), cx == null ? new double[stateCount()] : toDouble(cx),
                toDouble(w), toDouble(gy), toDouble(gh), toDouble(gc));
    }

    public int stateCount() {
        return rnn.numLayers() * rnn.directions() * xDesc.batchSize() * rnn.hiddenSize();
    }

    public static float[] uniform(Random rnd, int n, float scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (rnd.nextFloat() * 2 - 1) * scale;
        return a;
    }

    public static long count(long[] shape) {
        long n = 1;
        for (long s : shape) n *= s;
        return n;
    }

    public static double[] toDouble(float[] a) {
        if (a == null) return null;
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) d[i] = a[i];
        return d;
    }

    @Override
    public String toString() {
        return rnn + " " + xDesc + (hx == null ? " (zero initial states)" : "");
    }
}

package dev.rnn4j.cpu.internal;

import dev.rnn4j.backend.ReductionOps;
import dev.rnn4j.tensor.Tensor;

/**
 * Sums (accumulated in double) and the masked global average pool over time; the softmax family is done by
 * {@link CpuSoftmax}.
 */
final class CpuReductions implements ReductionOps {

    private final CpuSoftmax softmaxFamily;

    CpuReductions(GemmThreads threads) {
        this.softmaxFamily = new CpuSoftmax(threads);
    }

    @Override
    public void softmax(Tensor x, Tensor y, boolean log) {
        softmaxFamily.softmax(x, y, log);
    }

    @Override
    public void softmaxBackward(Tensor y, Tensor dy, Tensor dx, boolean log) {
        softmaxFamily.softmaxBackward(y, dy, dx, log);
    }

    @Override
    public float softmaxCrossEntropy(Tensor logits, Tensor labels, int ignoreIndex, Tensor dLogits) {
        return softmaxFamily.softmaxCrossEntropy(logits, labels, ignoreIndex, dLogits);
    }

    @Override
    public float sum(Tensor x) {
        HostView v = new HostView(Require.floats("sum", "x", x));
        double acc = 0;
        for (long i = 0; i < v.size; i++) acc += v.get(i);
        return (float) acc;
    }

    @Override
    public float sumOfSquares(Tensor x) {
        HostView v = new HostView(Require.floats("sumOfSquares", "x", x));
        double acc = 0;
        for (long i = 0; i < v.size; i++) {
            double e = v.get(i);
            acc += e * e;
        }
        return (float) acc;
    }

    @Override
    public void sumToLastDim(Tensor x, float beta, Tensor out) {
        Require.floats("sumToLastDim", "x", x);
        Require.floats("sumToLastDim", "out", out);
        Require.minRank("sumToLastDim", "x", x, 1);
        Require.rank("sumToLastDim", "out", out, 1);
        long cols = x.dim(x.rank() - 1);
        Require.dim("sumToLastDim", "out", out, 0, cols);
        HostView vx = new HostView(x);
        HostView vo = new HostView(out);
        long rows = cols == 0 ? 0 : vx.size / cols;
        double[] acc = new double[Require.intSize("sumToLastDim", "last dim", cols)];
        for (long r = 0; r < rows; r++) {
            for (int c = 0; c < acc.length; c++) acc[c] += vx.get(r * cols + c);
        }
        for (int c = 0; c < acc.length; c++) {
            float old = beta == 0f ? 0f : beta * vo.get(c);
            vo.set(c, (float) acc[c] + old);
        }
    }

    @Override
    public void globalAveragePool(Tensor x, int[] seqLengths, Tensor out) {
        requirePool("globalAveragePool", "x", x, "out", out, seqLengths);
        long batch = x.dim(0), steps = x.dim(1), width = x.dim(2);
        HostView vx = new HostView(x);
        HostView vo = new HostView(out);
        for (long b = 0; b < batch; b++) {
            int len = length(seqLengths, b, steps);
            for (long f = 0; f < width; f++) {
                double acc = 0;
                for (long t = 0; t < len; t++) acc += vx.get((b * steps + t) * width + f);
                vo.set(b * width + f, (float) (acc / len));
            }
        }
    }

    @Override
    public void globalAveragePoolBackward(Tensor dOut, int[] seqLengths, Tensor dx) {
        requirePool("globalAveragePoolBackward", "dx", dx, "dOut", dOut, seqLengths);
        long batch = dx.dim(0), steps = dx.dim(1), width = dx.dim(2);
        HostView vd = new HostView(dOut);
        HostView vx = new HostView(dx);
        for (long b = 0; b < batch; b++) {
            int len = length(seqLengths, b, steps);
            for (long t = 0; t < steps; t++) {
                for (long f = 0; f < width; f++) {
                    float g = t < len ? vd.get(b * width + f) / len : 0f;
                    vx.set((b * steps + t) * width + f, g);
                }
            }
        }
    }

    /** float32 sequences [B, T, F] and pooled [B, F], and valid seqLengths (null: all T). */
    private static void requirePool(String op, String seqName, Tensor seq, String pooledName, Tensor pooled, int[] seqLengths) {
        Require.floats(op, seqName, seq);
        Require.floats(op, pooledName, pooled);
        Require.rank(op, seqName, seq, 3);
        Require.rank(op, pooledName, pooled, 2);
        long batch = seq.dim(0), steps = seq.dim(1), width = seq.dim(2);
        Require.dim(op, pooledName, pooled, 0, batch);
        Require.dim(op, pooledName, pooled, 1, width);
        requireLengths(op, seqLengths, batch, steps);
    }

    private static int length(int[] seqLengths, long b, long steps) {
        return seqLengths == null ? (int) steps : seqLengths[(int) b];
    }

    private static void requireLengths(String op, int[] seqLengths, long batch, long steps) {
        if (seqLengths == null) {
            if (steps == 0 && batch > 0) throw new IllegalArgumentException(op + ": cannot average over 0 time steps");
            return;
        }
        if (seqLengths.length != batch) {
            throw new IllegalArgumentException(op + ": seqLengths has " + seqLengths.length + " entries but the batch is " + batch);
        }
        for (int b = 0; b < seqLengths.length; b++) {
            if (seqLengths[b] < 1 || seqLengths[b] > steps) {
                throw new IllegalArgumentException(op + ": seqLengths[" + b + "] = " + seqLengths[b] + " must be in [1, " + steps + "]");
            }
        }
    }
}

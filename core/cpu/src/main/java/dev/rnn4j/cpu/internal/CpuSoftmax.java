package dev.rnn4j.cpu.internal;

import dev.rnn4j.tensor.Tensor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.function.IntConsumer;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/** Softmax and log-softmax over the last dimension, their gradients, and the fused softmax cross-entropy. */
final class CpuSoftmax {

    /** Rows per part of the contiguous cross-entropy: a fixed partition, whatever the number of threads. */
    private static final int ROWS_PER_PART = 512;
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final FloatVector NEGATIVE_INFINITY = FloatVector.broadcast(GateVectors.S, Float.NEGATIVE_INFINITY);

    private final GemmThreads threads;

    CpuSoftmax(GemmThreads threads) {
        this.threads = threads;
    }

    void softmax(Tensor x, Tensor y, boolean log) {
        Require.floatsOfSameShape("softmax", "x", x, "y", y);
        Require.minRank("softmax", "x", x, 1);
        HostView vx = new HostView(x);
        HostView vy = new HostView(y);
        long cols = x.dim(x.rank() - 1);
        long rows = cols == 0 ? 0 : vx.size / cols;
        for (long r = 0; r < rows; r++) {
            long base = r * cols;
            float max = rowMax(vx, base, cols);
            double sum = expSum(vx, base, cols, max);
            double logSum = Math.log(sum);
            for (long c = 0; c < cols; c++) {
                double shifted = vx.get(base + c) - max;
                vy.set(base + c, (float) (log ? shifted - logSum : Math.exp(shifted) / sum));
            }
        }
    }

    void softmaxBackward(Tensor y, Tensor dy, Tensor dx, boolean log) {
        Require.floatsOfSameShape("softmaxBackward", "y", y, "dy", dy, "dx", dx);
        Require.minRank("softmaxBackward", "y", y, 1);
        HostView vy = new HostView(y);
        HostView vdy = new HostView(dy);
        HostView vdx = new HostView(dx);
        long cols = y.dim(y.rank() - 1);
        long rows = cols == 0 ? 0 : vy.size / cols;
        for (long r = 0; r < rows; r++) {
            long base = r * cols;
            // softmax: dx = y (dy - Σ dy·y); log-softmax: dx = dy - exp(y) Σ dy
            double dot = 0;
            for (long c = 0; c < cols; c++) dot += log ? vdy.get(base + c) : (double) vdy.get(base + c) * vy.get(base + c);
            for (long c = 0; c < cols; c++) {
                double g = vdy.get(base + c);
                double yc = vy.get(base + c);
                vdx.set(base + c, (float) (log ? g - Math.exp(yc) * dot : yc * (g - dot)));
            }
        }
    }

    /** Mean over the counted rows; with no counted row the loss is 0 and the gradient is 0. */
    float softmaxCrossEntropy(Tensor logits, Tensor labels, int ignoreIndex, Tensor dLogits) {
        String op = "softmaxCrossEntropy";
        Require.floats(op, "logits", logits);
        Require.ints(op, "labels", labels);
        Require.rank(op, "logits", logits, 2);
        Require.rank(op, "labels", labels, 1);
        long rows = logits.dim(0), cols = logits.dim(1);
        Require.dim(op, "labels", labels, 0, rows);
        if (dLogits != null) {
            Require.floats(op, "dLogits", dLogits);
            Require.sameShape(op, "logits", logits, "dLogits", dLogits);
        }
        HostView vl = new HostView(labels);
        long counted = 0;
        for (long r = 0; r < rows; r++) {
            int label = vl.getInt(r);
            if (label == ignoreIndex) continue;
            if (label < 0 || label >= cols) {
                throw new IllegalArgumentException(op + ": label " + label + " at position " + r + " is outside [0, " + cols
                        + ") and is not the ignoreIndex " + ignoreIndex);
            }
            counted++;
        }
        double loss = logits.isContiguous() && (dLogits == null || dLogits.isContiguous())
                ? contiguousCrossEntropy(logits, vl, ignoreIndex, dLogits, counted)
                : stridedCrossEntropy(new HostView(logits), vl, ignoreIndex, dLogits == null ? null : new HostView(dLogits), counted, rows, cols);
        return counted == 0 ? 0f : (float) (loss / counted);
    }

    /** Σ over the counted rows of −log softmax(x)[label], in double, for any views; writes dLogits when given. */
    private static double stridedCrossEntropy(HostView vx, HostView vl, int ignoreIndex, HostView vd, long counted, long rows, long cols) {
        double loss = 0;
        for (long r = 0; r < rows; r++) {
            long base = r * cols;
            int label = vl.getInt(r);
            if (label == ignoreIndex) {
                if (vd != null) for (long c = 0; c < cols; c++) vd.set(base + c, 0f);
                continue;
            }
            float max = rowMax(vx, base, cols);
            double logSum = Math.log(expSum(vx, base, cols, max));
            loss -= vx.get(base + label) - max - logSum;
            if (vd != null) {
                for (long c = 0; c < cols; c++) {
                    double p = Math.exp(vx.get(base + c) - max - logSum);
                    vd.set(base + c, (float) ((p - (c == label ? 1 : 0)) / counted));
                }
            }
        }
        return loss;
    }

    /**
     * The cross-entropy of contiguous logits (and dLogits): rows in parts of {@link #ROWS_PER_PART}, spread over
     * the backend's {@link GemmThreads} when every segment is shareable, each part's loss summed in double and the
     * parts added in order, so the result does not depend on the threads. Vectorized in float: the rows'
     * e^(x − max) by {@link GateVectors#exp} (deterministic, within ~2 ulp), each row's sum in float lanes, the
     * lanes added in double in a fixed order.
     */
    private double contiguousCrossEntropy(Tensor logits, HostView vl, int ignoreIndex, Tensor dLogits, long counted) {
        String op = "softmaxCrossEntropy";
        long rows = logits.dim(0);
        int cols = Require.intSize(op, "logits columns", logits.dim(1));
        int parts = Require.intSize(op, "row parts", (rows + ROWS_PER_PART - 1) / ROWS_PER_PART);
        MemorySegment x = logits.segment();
        long xAt = logits.offset() * Float.BYTES;
        MemorySegment d = dLogits == null ? null : dLogits.segment();
        long dAt = dLogits == null ? 0 : dLogits.offset() * Float.BYTES;
        long rowBytes = (long) cols * Float.BYTES;
        double[] partLoss = new double[parts];
        IntConsumer part = p -> {
            long first = (long) p * ROWS_PER_PART;
            int n = (int) (Math.min(rows, first + ROWS_PER_PART) - first);
            long xPart = xAt + first * rowBytes;
            long dPart = dAt + first * rowBytes;
            float[] max = new float[n];
            double[] expSum = new double[n];
            rowMaxes(x, xPart, n, cols, max);
            expSums(x, xPart, n, cols, max, d, dPart, expSum);
            float[] scale = new float[n];
            float[] eLabel = new float[n];
            double loss = 0;
            for (int i = 0; i < n; i++) {
                int label = vl.getInt(first + i);
                if (label == ignoreIndex) continue;
                loss += max[i] + Math.log(expSum[i]) - x.get(FLOAT, xPart + i * rowBytes + label * 4L);
                if (d != null) {
                    scale[i] = (float) (1 / (expSum[i] * counted));
                    eLabel[i] = d.get(FLOAT, dPart + i * rowBytes + label * 4L);
                }
            }
            if (d != null) {
                scaleRows(d, dPart, n, cols, scale);
                for (int i = 0; i < n; i++) {
                    int label = vl.getInt(first + i);
                    if (label == ignoreIndex) {
                        zeroRow(d, dPart + i * rowBytes, cols);
                    } else {
                        d.set(FLOAT, dPart + i * rowBytes + label * 4L, (float) ((eLabel[i] / expSum[i] - 1) / counted));
                    }
                }
            }
            partLoss[p] = loss;
        };
        boolean parallel = GemmThreads.shareable(x) && (d == null || GemmThreads.shareable(d)) && GemmThreads.shareable(vl.segment);
        if (parallel) {
            threads.forEachPart(parts, part);
        } else {
            for (int p = 0; p < parts; p++) part.accept(p);
        }
        double loss = 0;
        for (double l : partLoss) loss += l;
        return loss;
    }

    /*
     * The vector passes below each go over all rows of a part: the exp polynomial inlined into a larger kernel
     * grows past what C2 keeps in vector registers (vectors then go to the heap).
     */

    /** max[i] = max of row i, for {@code n} rows of {@code cols} floats from byte offset {@code at}. */
    private static void rowMaxes(MemorySegment x, long at, int n, int cols, float[] max) {
        for (int i = 0; i < n; i++) {
            long row = at + i * cols * 4L;
            FloatVector m = FloatVector.broadcast(GateVectors.S, Float.NEGATIVE_INFINITY);
            for (int j = 0; j < cols; j += GateVectors.LANES) {
                VectorMask<Float> tail = GateVectors.tail(j, cols);
                m = m.max(NEGATIVE_INFINITY.blend(GateVectors.load(x, row + j * 4L, tail), tail));
            }
            max[i] = m.reduceLanes(VectorOperators.MAX);
        }
    }

    /**
     * expSum[i] = Σ_j e^(x[i, j] − max[i]): float lanes, added in double in lane order; each e^(x − max) also
     * stored to d when given.
     */
    private static void expSums(MemorySegment x, long at, int n, int cols, float[] max, MemorySegment d, long dAt, double[] expSum) {
        float[] lanes = new float[GateVectors.LANES];
        for (int i = 0; i < n; i++) {
            long row = at + i * cols * 4L;
            long dRow = dAt + i * cols * 4L;
            FloatVector shift = FloatVector.broadcast(GateVectors.S, max[i]);
            FloatVector sum = FloatVector.zero(GateVectors.S);
            for (int j = 0; j < cols; j += GateVectors.LANES) {
                VectorMask<Float> tail = GateVectors.tail(j, cols);
                FloatVector e = GateVectors.exp(GateVectors.load(x, row + j * 4L, tail).sub(shift));
                sum = sum.add(GateVectors.ZERO.blend(e, tail));
                if (d != null) GateVectors.store(e, d, dRow + j * 4L, tail);
            }
            sum.intoArray(lanes, 0);
            double total = 0;
            for (float lane : lanes) total += lane;
            expSum[i] = total;
        }
    }

    /** Row i of d times scale[i], for {@code n} rows of {@code cols} floats from byte offset {@code at}. */
    private static void scaleRows(MemorySegment d, long at, int n, int cols, float[] scale) {
        for (int i = 0; i < n; i++) {
            long row = at + i * cols * 4L;
            FloatVector s = FloatVector.broadcast(GateVectors.S, scale[i]);
            for (int j = 0; j < cols; j += GateVectors.LANES) {
                VectorMask<Float> tail = GateVectors.tail(j, cols);
                GateVectors.store(GateVectors.load(d, row + j * 4L, tail).mul(s), d, row + j * 4L, tail);
            }
        }
    }

    private static void zeroRow(MemorySegment d, long row, int cols) {
        for (int j = 0; j < cols; j += GateVectors.LANES) {
            VectorMask<Float> tail = GateVectors.tail(j, cols);
            GateVectors.store(GateVectors.ZERO, d, row + j * 4L, tail);
        }
    }

    /** max over the row of {@code cols} elements starting at {@code base}. */
    private static float rowMax(HostView v, long base, long cols) {
        float max = Float.NEGATIVE_INFINITY;
        for (long c = 0; c < cols; c++) max = Math.max(max, v.get(base + c));
        return max;
    }

    /** Σ exp(x - max) over the row, in double. */
    private static double expSum(HostView v, long base, long cols, float max) {
        double sum = 0;
        for (long c = 0; c < cols; c++) sum += Math.exp(v.get(base + c) - max);
        return sum;
    }
}

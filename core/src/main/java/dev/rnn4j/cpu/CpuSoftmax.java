package dev.rnn4j.cpu;

import dev.rnn4j.tensor.Tensor;

/** Softmax and log-softmax over the last dimension, their gradients, and the fused softmax cross-entropy. */
final class CpuSoftmax {

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
        HostView vx = new HostView(logits);
        HostView vd = dLogits == null ? null : new HostView(dLogits);
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
        return counted == 0 ? 0f : (float) (loss / counted);
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

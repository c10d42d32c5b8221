package dev.rnn4j.cuda;

import dev.rnn4j.backend.ReductionOps;
import dev.rnn4j.tensor.Tensor;

/** Reductions, softmax, fused cross-entropy and pooling on the kernels of native/kernels/reductions.cu. */
final class CudaReductions implements ReductionOps {

    private final CudaContext cuda;

    CudaReductions(CudaContext cuda) {
        this.cuda = cuda;
    }

    private Tensor f(String op, String name, Tensor t) {
        return DeviceOperands.floats(cuda.device, op, name, t);
    }

    @Override
    public float sum(Tensor x) {
        f("sum", "x", x);
        cuda.enter("sum");
        return total(x.address(), x.elementCount(), false);
    }

    @Override
    public float sumOfSquares(Tensor x) {
        f("sumOfSquares", "x", x);
        cuda.enter("sumOfSquares");
        return total(x.address(), x.elementCount(), true);
    }

    /** Two deterministic passes: per-block partial sums, then one block over the partials. */
    private float total(long address, long n, boolean squares) {
        if (n == 0) return 0f;
        LaunchConfig partial = LaunchConfig.reductionPartial(n);
        try (DeviceBuffer partials = new DeviceBuffer(cuda.allocator, (long) partial.gridX() * Float.BYTES);
             DeviceBuffer out = new DeviceBuffer(cuda.allocator, Float.BYTES)) {
            cuda.kernels.launch(Kernel.SUM_PARTIAL, partial, cuda.stream, address, n, squares ? 1 : 0, partials.address);
            cuda.kernels.launch(Kernel.SUM_FINAL, LaunchConfig.reductionFinal(), cuda.stream, partials.address, (long) partial.gridX(), out.address);
            return cuda.staging.readFloat(out.address);
        }
    }

    @Override
    public void sumToLastDim(Tensor x, float beta, Tensor out) {
        String op = "sumToLastDim";
        f(op, "x", x);
        f(op, "out", out);
        long cols = lastDim(op, x);
        DeviceOperands.shape(op, "out", out, cols);
        cuda.enter(op);
        if (cols == 0) return;
        long rows = x.elementCount() / cols;
        cuda.kernels.launch(Kernel.SUM_TO_LAST_DIM, LaunchConfig.elementwise(cols), cuda.stream, x.address(), rows, cols, beta, out.address());
    }

    private long lastDim(String op, Tensor x) {
        if (x.rank() < 1) throw new IllegalArgumentException(op + ": x must have rank >= 1, is " + x.describe());
        return x.dim(x.rank() - 1);
    }

    @Override
    public void softmax(Tensor x, Tensor y, boolean log) {
        String op = "softmax";
        DeviceOperands.floatsOfSameShape(cuda.device, op, "x", x, "y", y);
        long cols = lastDim(op, x);
        cuda.enter(op);
        if (x.elementCount() == 0) return;
        long rows = x.elementCount() / cols;
        cuda.kernels.launch(Kernel.SOFTMAX_FWD, LaunchConfig.rows(rows, cols), cuda.stream, x.address(), y.address(), rows, cols, log ? 1 : 0);
    }

    @Override
    public void softmaxBackward(Tensor y, Tensor dy, Tensor dx, boolean log) {
        String op = "softmaxBackward";
        DeviceOperands.floatsOfSameShape(cuda.device, op, "y", y, "dy", dy, "dx", dx);
        long cols = lastDim(op, y);
        cuda.enter(op);
        if (y.elementCount() == 0) return;
        long rows = y.elementCount() / cols;
        cuda.kernels.launch(Kernel.SOFTMAX_BWD, LaunchConfig.rows(rows, cols), cuda.stream, y.address(), dy.address(), dx.address(), rows, cols, log ? 1 : 0);
    }

    /** Labels are read back and range-checked on the host before the launch; that also gives the count of the mean. */
    @Override
    public float softmaxCrossEntropy(Tensor logits, Tensor labels, int ignoreIndex, Tensor dLogits) {
        String op = "softmaxCrossEntropy";
        f(op, "logits", logits);
        DeviceOperands.ints(cuda.device, op, "labels", labels);
        if (logits.rank() != 2) throw new IllegalArgumentException(op + ": logits must be [N, C], is " + logits.describe());
        long rows = logits.dim(0), cols = logits.dim(1);
        DeviceOperands.shape(op, "labels", labels, rows);
        if (dLogits != null) {
            f(op, "dLogits", dLogits);
            DeviceOperands.sameShape(op, "logits", logits, "dLogits", dLogits);
        }
        cuda.enter(op);
        if (rows == 0) return 0f;
        if (rows > Integer.MAX_VALUE - 8) throw new IllegalArgumentException(op + ": too many rows " + rows);
        int counted = DeviceOperands.checkIds(op, "labels", cuda.staging.readInts(labels.address(), (int) rows), cols, ignoreIndex);
        float invCount = counted == 0 ? 0f : 1f / counted;
        try (DeviceBuffer rowLoss = new DeviceBuffer(cuda.allocator, rows * Float.BYTES)) {
            cuda.kernels.launch(Kernel.SOFTMAX_XENT, LaunchConfig.rows(rows, cols), cuda.stream, logits.address(), labels.address(), rows, cols,
                    ignoreIndex, invCount, rowLoss.address, dLogits == null ? 0L : dLogits.address());
            return counted == 0 ? 0f : total(rowLoss.address, rows, false) / counted;
        }
    }

    @Override
    public void globalAveragePool(Tensor x, int[] seqLengths, Tensor out) {
        String op = "globalAveragePool";
        requirePool(op, "x", x, "out", out);
        long b = x.dim(0), t = x.dim(1), feat = x.dim(2);
        pool(op, Kernel.GLOBAL_AVG_POOL_FWD, x.address(), seqLengths, out.address(), b, t, feat, b * feat);
    }

    @Override
    public void globalAveragePoolBackward(Tensor dOut, int[] seqLengths, Tensor dx) {
        String op = "globalAveragePoolBackward";
        requirePool(op, "dx", dx, "dOut", dOut);
        long b = dx.dim(0), t = dx.dim(1), feat = dx.dim(2);
        pool(op, Kernel.GLOBAL_AVG_POOL_BWD, dOut.address(), seqLengths, dx.address(), b, t, feat, b * t * feat);
    }

    /** Float32 sequences [B, T, F] and pooled [B, F]. */
    private void requirePool(String op, String seqName, Tensor seq, String pooledName, Tensor pooled) {
        f(op, seqName, seq);
        f(op, pooledName, pooled);
        if (seq.rank() != 3) throw new IllegalArgumentException(op + ": " + seqName + " must be [B, T, F], is " + seq.describe());
        DeviceOperands.shape(op, pooledName, pooled, seq.dim(0), seq.dim(2));
    }

    private void pool(String op, Kernel kernel, long in, int[] seqLengths, long out, long b, long t, long feat, long n) {
        if (seqLengths != null) {
            if (seqLengths.length != b) throw new IllegalArgumentException(op + ": seqLengths has " + seqLengths.length + " entries for batch " + b);
            for (int i = 0; i < seqLengths.length; i++) {
                if (seqLengths[i] < 1 || seqLengths[i] > t) {
                    throw new IllegalArgumentException(op + ": seqLengths[" + i + "] = " + seqLengths[i] + " is outside [1, " + t + "]");
                }
            }
        } else if (t == 0 && b * feat > 0) {
            throw new IllegalArgumentException(op + ": no time steps to average");
        }
        cuda.enter(op);
        if (n == 0) return;
        if (seqLengths == null) {
            cuda.kernels.launch(kernel, LaunchConfig.elementwise(n), cuda.stream, in, 0L, out, b, t, feat);
            return;
        }
        try (DeviceBuffer lengths = DeviceBuffer.ofInts(cuda, seqLengths)) {
            cuda.kernels.launch(kernel, LaunchConfig.elementwise(n), cuda.stream, in, lengths.address, out, b, t, feat);
        }
    }
}

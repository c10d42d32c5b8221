package dev.rnn4j.cpu.internal;

import dev.rnn4j.backend.Blas;
import dev.rnn4j.tensor.Tensor;

/**
 * Tensor GEMM on the host: validates the operands' ranks, dims and strides, then calls {@link Sgemm} once
 * per batch entry. A rank-3 operand with batch extent 1 is broadcast over the batch.
 */
final class CpuBlas implements Blas {

    private static final String OP = "gemm";

    /** One operand as a matrix: its rows × cols in memory, the leading dimension and the batch stride. */
    private record Operand(long batch, int rows, int cols, int ld, long batchStride, long offset) {
    }

    private final GemmThreads threads;

    CpuBlas(GemmThreads threads) {
        this.threads = threads;
    }

    @Override
    public void gemm(boolean transA, boolean transB, float alpha, Tensor a, Tensor b, float beta, Tensor c) {
        Require.floats(OP, "a", a);
        Require.floats(OP, "b", b);
        Require.floats(OP, "c", c);
        int rank = a.rank();
        if (rank != 2 && rank != 3) throw new IllegalArgumentException(OP + ": operands must have rank 2 or 3 but a is " + a.describe());
        if (b.rank() != rank || c.rank() != rank) {
            throw new IllegalArgumentException(OP + ": a, b and c must have the same rank; got a " + a.describe()
                    + ", b " + b.describe() + ", c " + c.describe());
        }
        Operand oa = operand("a", a);
        Operand ob = operand("b", b);
        Operand oc = operand("c", c);
        int m = transA ? oa.cols : oa.rows;
        int k = transA ? oa.rows : oa.cols;
        int kb = transB ? ob.cols : ob.rows;
        int n = transB ? ob.rows : ob.cols;
        if (k != kb) {
            throw new IllegalArgumentException(OP + ": inner dimensions differ: op(a) is " + m + "x" + k + " (" + a.describe()
                    + (transA ? ", transposed" : "") + ") but op(b) is " + kb + "x" + n + " (" + b.describe() + (transB ? ", transposed" : "") + ")");
        }
        if (oc.rows != m || oc.cols != n) {
            throw new IllegalArgumentException(OP + ": c " + c.describe() + " must be " + m + "x" + n + " for op(a) " + m + "x" + k
                    + " times op(b) " + k + "x" + n);
        }
        long batch = oc.batch;
        requireBatch("a", oa, batch);
        requireBatch("b", ob, batch);
        if (rank == 3 && batch > 1 && oc.batchStride < (long) oc.rows * oc.ld && m > 0 && n > 0) {
            throw new IllegalArgumentException(OP + ": batches of c " + c.describe() + " overlap (batch stride " + oc.batchStride + ")");
        }
        for (long i = 0; i < batch; i++) {
            long aOff = oa.offset + (oa.batch == 1 ? 0 : i * oa.batchStride);
            long bOff = ob.offset + (ob.batch == 1 ? 0 : i * ob.batchStride);
            long cOff = oc.offset + i * oc.batchStride;
            Sgemm.gemm(threads, transA, transB, m, n, k, alpha, a.segment(), aOff, oa.ld, b.segment(), bOff, ob.ld, beta, c.segment(), cOff, oc.ld);
        }
    }

    private static void requireBatch(String name, Operand o, long batch) {
        if (o.batch != batch && o.batch != 1) {
            throw new IllegalArgumentException(OP + ": batch extent " + o.batch + " of " + name + " must equal c's batch " + batch + " or be 1 (broadcast)");
        }
    }

    private static Operand operand(String name, Tensor t) {
        int r = t.rank();
        int rows = Require.intSize(OP, name + " rows", t.dim(r - 2));
        int cols = Require.intSize(OP, name + " cols", t.dim(r - 1));
        if (cols > 1 && t.stride(r - 1) != 1) {
            throw new IllegalArgumentException(OP + ": the last dimension of " + name + " " + t.describe() + " must have stride 1 but has stride "
                    + t.stride(r - 1) + " (pass the transpose flag instead of a transposed view)");
        }
        long rowStride = rows > 1 ? t.stride(r - 2) : Math.max(1, cols);
        if (rowStride < cols) {
            throw new IllegalArgumentException(OP + ": row stride " + rowStride + " of " + name + " " + t.describe()
                    + " is smaller than its width " + cols);
        }
        int ld = Require.intSize(OP, name + " row stride", rowStride);
        long batch = r == 3 ? t.dim(0) : 1;
        long batchStride = r == 3 ? t.stride(0) : 0;
        return new Operand(batch, rows, cols, ld, batchStride, t.offset());
    }
}

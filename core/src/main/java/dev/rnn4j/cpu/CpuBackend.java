package dev.rnn4j.cpu;

import dev.rnn4j.backend.Activation;
import dev.rnn4j.backend.Backend;
import dev.rnn4j.backend.BinaryOp;
import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.rnn.RnnPlan;
import dev.rnn4j.tensor.DType;
import dev.rnn4j.tensor.Device;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;

/**
 * The pure-Java backend on host tensors. Each call validates its arguments (liveness, host device, dtype,
 * shapes) before touching memory, then runs a kernel of the matching package-private class. Inputs may be
 * strided views. It holds no native resources; {@link #close()} is a no-op.
 *
 * <p>softmaxCrossEntropy with every label ignored returns 0 and a zero gradient (PyTorch returns NaN).
 */
public final class CpuBackend implements Backend {

    private final CpuMemory memory = new CpuMemory();
    private final CpuBlas blas = new CpuBlas();
    private final CpuPointwise pointwise = new CpuPointwise();
    private final CpuReductions reductions = new CpuReductions();
    private final CpuSoftmax softmax = new CpuSoftmax();
    private final CpuEmbeddings embeddings = new CpuEmbeddings();
    private final CpuOptimizers optimizers = new CpuOptimizers();

    public CpuBackend() {
    }

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public Device device() {
        return Device.CPU;
    }

    // ---- memory ----

    @Override
    public Tensor allocate(TensorScope scope, DType dtype, long... shape) {
        return memory.allocate(scope, dtype, shape);
    }

    @Override
    public void copy(Tensor src, Tensor dst) {
        memory.copy(src, dst);
    }

    @Override
    public void synchronize() {
        memory.synchronize();
    }

    // ---- blas ----

    @Override
    public void gemm(boolean transA, boolean transB, float alpha, Tensor a, Tensor b, float beta, Tensor c) {
        blas.gemm(transA, transB, alpha, a, b, beta, c);
    }

    // ---- pointwise ----

    @Override
    public void fill(Tensor x, float value) {
        pointwise.fill(x, value);
    }

    @Override
    public void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        pointwise.binary(op, a, b, out);
    }

    @Override
    public void axpby(float alpha, Tensor x, float beta, Tensor y) {
        pointwise.axpby(alpha, x, beta, y);
    }

    @Override
    public void activation(Activation f, Tensor x, Tensor y) {
        pointwise.activation(f, x, y);
    }

    @Override
    public void activationBackward(Activation f, Tensor y, Tensor dy, Tensor dx) {
        pointwise.activationBackward(f, y, dy, dx);
    }

    @Override
    public void dropoutMask(Tensor mask, float rate, long seed) {
        pointwise.dropoutMask(mask, rate, seed);
    }

    @Override
    public void clamp(Tensor x, float lo, float hi) {
        pointwise.clamp(x, lo, hi);
    }

    // ---- reductions ----

    @Override
    public float sum(Tensor x) {
        return reductions.sum(x);
    }

    @Override
    public float sumOfSquares(Tensor x) {
        return reductions.sumOfSquares(x);
    }

    @Override
    public void sumToLastDim(Tensor x, float beta, Tensor out) {
        reductions.sumToLastDim(x, beta, out);
    }

    @Override
    public void softmax(Tensor x, Tensor y, boolean log) {
        softmax.softmax(x, y, log);
    }

    @Override
    public void softmaxBackward(Tensor y, Tensor dy, Tensor dx, boolean log) {
        softmax.softmaxBackward(y, dy, dx, log);
    }

    @Override
    public float softmaxCrossEntropy(Tensor logits, Tensor labels, int ignoreIndex, Tensor dLogits) {
        return softmax.softmaxCrossEntropy(logits, labels, ignoreIndex, dLogits);
    }

    @Override
    public void globalAveragePool(Tensor x, int[] seqLengths, Tensor out) {
        reductions.globalAveragePool(x, seqLengths, out);
    }

    @Override
    public void globalAveragePoolBackward(Tensor dOut, int[] seqLengths, Tensor dx) {
        reductions.globalAveragePoolBackward(dOut, seqLengths, dx);
    }

    // ---- embeddings ----

    @Override
    public void embeddingGather(Tensor table, Tensor ids, Tensor out) {
        embeddings.embeddingGather(table, ids, out);
    }

    @Override
    public void embeddingScatterAdd(Tensor dOut, Tensor ids, Tensor dTable) {
        embeddings.embeddingScatterAdd(dOut, ids, dTable);
    }

    // ---- optimizers ----

    @Override
    public void sgdStep(Tensor param, Tensor grad, Tensor velocity, float lr, float momentum, boolean nesterov) {
        optimizers.sgdStep(param, grad, velocity, lr, momentum, nesterov);
    }

    @Override
    public void adamStep(Tensor param, Tensor grad, Tensor m, Tensor v, float lr, float beta1, float beta2, float eps, long step) {
        optimizers.adamStep(param, grad, m, v, lr, beta1, beta2, eps, step);
    }

    @Override
    public void rmspropStep(Tensor param, Tensor grad, Tensor meanSquare, float lr, float rho, float eps) {
        optimizers.rmspropStep(param, grad, meanSquare, lr, rho, eps);
    }

    // ---- rnn ----

    @Override
    public RnnPlan rnn(RnnDescriptor descriptor) {
        Require.notNull("rnn", "descriptor", descriptor);
        return new CpuRnnPlan(descriptor);
    }

    @Override
    public void close() {
    }
}

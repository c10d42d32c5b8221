package dev.rnn4j.backend.spi;

import dev.rnn4j.backend.Activation;
import dev.rnn4j.backend.Backend;
import dev.rnn4j.backend.BinaryOp;
import dev.rnn4j.backend.Blas;
import dev.rnn4j.backend.EmbeddingOps;
import dev.rnn4j.backend.OptimizerOps;
import dev.rnn4j.backend.PointwiseOps;
import dev.rnn4j.backend.ReductionOps;
import dev.rnn4j.backend.RnnOps;
import dev.rnn4j.backend.TensorMemory;
import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.rnn.RnnPlan;
import dev.rnn4j.tensor.DType;
import dev.rnn4j.tensor.Device;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;
import java.util.Objects;

/**
 * A {@link Backend} assembled from one component per SPI part: every call is forwarded, unchanged, to the
 * component that does that job. The components validate their own arguments (and, on the GPU, make the
 * context current) before touching memory; this class adds nothing between the caller and them. Subclasses
 * choose the components and own {@link #close()}.
 */
public abstract class ComposedBackend implements Backend {

    private final String name;
    private final Device device;
    private final TensorMemory memory;
    private final Blas blas;
    private final PointwiseOps pointwise;
    private final ReductionOps reductions;
    private final EmbeddingOps embeddings;
    private final OptimizerOps optimizers;
    private final RnnOps rnn;

    protected ComposedBackend(String name, Device device, TensorMemory memory, Blas blas, PointwiseOps pointwise,
            ReductionOps reductions, EmbeddingOps embeddings, OptimizerOps optimizers, RnnOps rnn) {
        this.name = Objects.requireNonNull(name, "name");
        this.device = Objects.requireNonNull(device, "device");
        this.memory = Objects.requireNonNull(memory, "memory");
        this.blas = Objects.requireNonNull(blas, "blas");
        this.pointwise = Objects.requireNonNull(pointwise, "pointwise");
        this.reductions = Objects.requireNonNull(reductions, "reductions");
        this.embeddings = Objects.requireNonNull(embeddings, "embeddings");
        this.optimizers = Objects.requireNonNull(optimizers, "optimizers");
        this.rnn = Objects.requireNonNull(rnn, "rnn");
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Device device() {
        return device;
    }

    // ---- memory ----

    @Override
    public final Tensor allocate(TensorScope scope, DType dtype, long... shape) {
        return memory.allocate(scope, dtype, shape);
    }

    @Override
    public final Tensor wrap(TensorScope scope, long devicePointer, long byteSize, DType dtype, long... shape) {
        return memory.wrap(scope, devicePointer, byteSize, dtype, shape);
    }

    @Override
    public final void copy(Tensor src, Tensor dst) {
        memory.copy(src, dst);
    }

    @Override
    public final void synchronize() {
        memory.synchronize();
    }

    // ---- blas ----

    @Override
    public final void gemm(boolean transA, boolean transB, float alpha, Tensor a, Tensor b, float beta, Tensor c) {
        blas.gemm(transA, transB, alpha, a, b, beta, c);
    }

    // ---- pointwise ----

    @Override
    public final void fill(Tensor x, float value) {
        pointwise.fill(x, value);
    }

    @Override
    public final void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        pointwise.binary(op, a, b, out);
    }

    @Override
    public final void axpby(float alpha, Tensor x, float beta, Tensor y) {
        pointwise.axpby(alpha, x, beta, y);
    }

    @Override
    public final void activation(Activation f, Tensor x, Tensor y) {
        pointwise.activation(f, x, y);
    }

    @Override
    public final void activationBackward(Activation f, Tensor y, Tensor dy, Tensor dx) {
        pointwise.activationBackward(f, y, dy, dx);
    }

    @Override
    public final void dropoutMask(Tensor mask, float rate, long seed) {
        pointwise.dropoutMask(mask, rate, seed);
    }

    @Override
    public final void clamp(Tensor x, float lo, float hi) {
        pointwise.clamp(x, lo, hi);
    }

    // ---- reductions ----

    @Override
    public final float sum(Tensor x) {
        return reductions.sum(x);
    }

    @Override
    public final float sumOfSquares(Tensor x) {
        return reductions.sumOfSquares(x);
    }

    @Override
    public final void sumToLastDim(Tensor x, float beta, Tensor out) {
        reductions.sumToLastDim(x, beta, out);
    }

    @Override
    public final void softmax(Tensor x, Tensor y, boolean log) {
        reductions.softmax(x, y, log);
    }

    @Override
    public final void softmaxBackward(Tensor y, Tensor dy, Tensor dx, boolean log) {
        reductions.softmaxBackward(y, dy, dx, log);
    }

    @Override
    public final float softmaxCrossEntropy(Tensor logits, Tensor labels, int ignoreIndex, Tensor dLogits) {
        return reductions.softmaxCrossEntropy(logits, labels, ignoreIndex, dLogits);
    }

    @Override
    public final void globalAveragePool(Tensor x, int[] seqLengths, Tensor out) {
        reductions.globalAveragePool(x, seqLengths, out);
    }

    @Override
    public final void globalAveragePoolBackward(Tensor dOut, int[] seqLengths, Tensor dx) {
        reductions.globalAveragePoolBackward(dOut, seqLengths, dx);
    }

    // ---- embeddings ----

    @Override
    public final void embeddingGather(Tensor table, Tensor ids, Tensor out) {
        embeddings.embeddingGather(table, ids, out);
    }

    @Override
    public final void embeddingScatterAdd(Tensor dOut, Tensor ids, Tensor dTable) {
        embeddings.embeddingScatterAdd(dOut, ids, dTable);
    }

    // ---- optimizers ----

    @Override
    public final void sgdStep(Tensor param, Tensor grad, Tensor velocity, float lr, float momentum, boolean nesterov) {
        optimizers.sgdStep(param, grad, velocity, lr, momentum, nesterov);
    }

    @Override
    public final void adamStep(Tensor param, Tensor grad, Tensor m, Tensor v, float lr, float beta1, float beta2, float eps, long step) {
        optimizers.adamStep(param, grad, m, v, lr, beta1, beta2, eps, step);
    }

    @Override
    public final void rmspropStep(Tensor param, Tensor grad, Tensor meanSquare, float lr, float rho, float eps) {
        optimizers.rmspropStep(param, grad, meanSquare, lr, rho, eps);
    }

    // ---- rnn ----

    @Override
    public final RnnPlan rnn(RnnDescriptor descriptor) {
        return rnn.rnn(descriptor);
    }
}

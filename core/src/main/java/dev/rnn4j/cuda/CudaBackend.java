package dev.rnn4j.cuda;

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
 * The backend SPI on one GPU: cuBLAS for GEMM, cuDNN for the RNN, rnn4j's PTX kernels for the rest, all
 * queued on one stream (its own, or a host framework's). Obtain it with {@link #create}, which loads the
 * libraries first and throws with the exact reason when that is impossible. Not thread-safe, like every
 * backend; any thread may use it (the context is made current per call).
 */
public final class CudaBackend implements Backend {

    private final CudaContext cuda;
    private final CudaMemory memory;
    private final CudaBlas blas;
    private final CudaPointwise pointwise;
    private final CudaReductions reductions;
    private final CudaEmbeddings embeddings;
    private final CudaOptimizers optimizers;
    private final DeviceInfo info;

    private CudaBackend(CudaContext cuda) {
        this.cuda = cuda;
        this.memory = new CudaMemory(cuda);
        this.blas = new CudaBlas(cuda);
        this.pointwise = new CudaPointwise(cuda);
        this.reductions = new CudaReductions(cuda);
        this.embeddings = new CudaEmbeddings(cuda);
        this.optimizers = new CudaOptimizers(cuda);
        this.info = Driver.deviceInfo(cuda.ordinal);
    }

    public static CudaBackend create(int ordinal) {
        return create(ordinal, CudaOptions.defaults());
    }

    /** A backend on device {@code ordinal}; an IllegalStateException with the reason when CUDA is unavailable. */
    public static CudaBackend create(int ordinal, CudaOptions options) {
        var reason = CudaProbe.unavailableReason(ordinal);
        if (reason.isPresent()) throw new IllegalStateException(reason.get());
        CudaContext cuda = new CudaContext(ordinal, options);
        try {
            return new CudaBackend(cuda);
        } catch (RuntimeException e) {
            cuda.close();
            throw e;
        }
    }

    /** "NVIDIA H100 80GB HBM3 (cuda:0, compute capability 9.0, cuDNN 9.6.0)". */
    public String describe() {
        return info.name() + " (" + cuda.device + ", compute capability " + info.computeCapability() + ", cuDNN "
                + CudaReport.cudnnVersionString(dev.rnn4j.bindings.cudnn.cudnn_h.cudnnGetVersion()) + ")";
    }

    public DeviceInfo deviceInfo() {
        return info;
    }

    /** The CUstream all work is queued on (to hand to a host framework, or the one it passed in). */
    public long stream() {
        return cuda.stream.address();
    }

    /** Zero-copy: a tensor over a host framework's device memory on this GPU; that framework keeps ownership. */
    public Tensor wrap(TensorScope scope, long devicePointer, long byteSize, DType dtype, long... shape) {
        return memory.wrap(scope, devicePointer, byteSize, dtype, shape);
    }

    /** Bytes of device memory handed out by this backend's allocator and not yet returned. */
    public long bytesInUse() {
        return cuda.allocator.bytesInUse();
    }

    /** Bytes cached by the allocator for reuse. */
    public long bytesCached() {
        return cuda.allocator.bytesCached();
    }

    /** cuMemAlloc calls made so far: flat in a steady training loop. */
    public long rawAllocations() {
        return cuda.allocator.rawAllocations();
    }

    /** Returns cached blocks to the device. */
    public void emptyCache() {
        cuda.enter("emptyCache");
        cuda.allocator.emptyCache();
    }

    /** {free, total} device bytes as the driver sees them (cuMemGetInfo). */
    public long[] deviceMemory() {
        cuda.enter("deviceMemory");
        return Driver.memInfo();
    }

    CudaContext context() {
        return cuda;
    }

    @Override
    public String name() {
        return "cuda";
    }

    @Override
    public Device device() {
        return cuda.device;
    }

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

    @Override
    public void gemm(boolean transA, boolean transB, float alpha, Tensor a, Tensor b, float beta, Tensor c) {
        blas.gemm(transA, transB, alpha, a, b, beta, c);
    }

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
        reductions.softmax(x, y, log);
    }

    @Override
    public void softmaxBackward(Tensor y, Tensor dy, Tensor dx, boolean log) {
        reductions.softmaxBackward(y, dy, dx, log);
    }

    @Override
    public float softmaxCrossEntropy(Tensor logits, Tensor labels, int ignoreIndex, Tensor dLogits) {
        return reductions.softmaxCrossEntropy(logits, labels, ignoreIndex, dLogits);
    }

    @Override
    public void globalAveragePool(Tensor x, int[] seqLengths, Tensor out) {
        reductions.globalAveragePool(x, seqLengths, out);
    }

    @Override
    public void globalAveragePoolBackward(Tensor dOut, int[] seqLengths, Tensor dx) {
        reductions.globalAveragePoolBackward(dOut, seqLengths, dx);
    }

    @Override
    public void embeddingGather(Tensor table, Tensor ids, Tensor out) {
        embeddings.embeddingGather(table, ids, out);
    }

    @Override
    public void embeddingScatterAdd(Tensor dOut, Tensor ids, Tensor dTable) {
        embeddings.embeddingScatterAdd(dOut, ids, dTable);
    }

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

    @Override
    public RnnPlan rnn(RnnDescriptor descriptor) {
        cuda.enter("rnn");
        return new CudnnRnnPlan(cuda, descriptor);
    }

    @Override
    public void close() {
        cuda.close();
    }
}

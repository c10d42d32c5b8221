package dev.rnn4j.cuda;

import dev.rnn4j.backend.spi.ComposedBackend;
import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.rnn.RnnPlan;
import java.util.OptionalLong;

/**
 * The backend SPI on one GPU: cuBLAS for GEMM, cuDNN for the RNN, rnn4j's PTX kernels for the rest, all
 * queued on one stream (its own, or a host framework's). Obtain it with {@link #create}, which loads the
 * libraries first and throws with the exact reason when that is impossible. Not thread-safe, like every
 * backend; any thread may use it (each component makes the context current per call). The SPI calls are
 * forwarded by {@link ComposedBackend} (zero-copy {@code wrap} of a framework's device memory included); this
 * class adds the GPU-only API (device facts, allocator figures).
 */
public final class CudaBackend extends ComposedBackend {

    private final CudaContext cuda;
    private final DeviceInfo info;

    private CudaBackend(CudaContext cuda) {
        super("cuda", cuda.device, new CudaMemory(cuda), new CudaBlas(cuda), new CudaPointwise(cuda), new CudaReductions(cuda),
                new CudaEmbeddings(cuda), new CudaOptimizers(cuda), descriptor -> rnnPlan(cuda, descriptor));
        this.cuda = cuda;
        this.info = Driver.deviceInfo(cuda.ordinal);
    }

    private static RnnPlan rnnPlan(CudaContext cuda, RnnDescriptor descriptor) {
        cuda.enter("rnn");
        return new PackingRnnPlan(new CudnnRnnPlan(cuda, descriptor), cuda.device, new DevicePacker(cuda));
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
    @Override
    public String description() {
        return info.name() + " (" + cuda.device + ", compute capability " + info.computeCapability() + ", cuDNN "
                + CudaReport.cudnnVersionString(dev.rnn4j.bindings.cudnn.cudnn_h.cudnnGetVersion()) + ")";
    }

    public DeviceInfo deviceInfo() {
        return info;
    }

    /** The CUstream all work is queued on: the host framework's ({@link CudaOptions#withStream}) or the backend's own. */
    @Override
    public OptionalLong stream() {
        return OptionalLong.of(cuda.stream.address());
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
    public void close() {
        cuda.close();
    }
}

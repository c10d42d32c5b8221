package dev.rnn4j.cuda;

import dev.rnn4j.tensor.Device;
import java.lang.foreign.MemorySegment;

/**
 * Everything one backend instance owns on its GPU: the retained primary context, its stream (or the host
 * framework's), the caching allocator, pinned staging, the kernels and, on first use, the cuBLAS and cuDNN
 * handles bound to that stream. Closing it waits for the stream and frees all of that once.
 */
final class CudaContext implements AutoCloseable {

    final int ordinal;
    final Device device;
    final CudaOptions options;
    private final MemorySegment context;
    final MemorySegment stream;
    private final boolean ownsStream;
    final CachingAllocator allocator;
    final PinnedStaging staging;
    final CudaKernels kernels = new CudaKernels();
    private CublasHandle cublas;
    private CudnnHandle cudnn;
    private boolean closed;

    CudaContext(int ordinal, CudaOptions options) {
        this.ordinal = ordinal;
        this.device = Device.cuda(ordinal);
        this.options = options;
        Driver.init();
        this.context = Driver.retainPrimaryContext(ordinal);
        this.ownsStream = options.externalStream() == 0;
        try {
            this.stream = ownsStream ? Driver.createStream() : MemorySegment.ofAddress(options.externalStream());
        } catch (RuntimeException e) {
            Driver.releasePrimaryContext(ordinal);
            throw e;
        }
        this.allocator = new CachingAllocator(new CachingAllocator.RawMemory() {
            @Override
            public long allocate(long bytes) {
                return Driver.alloc(bytes);
            }

            @Override
            public void free(long address) {
                Driver.free(address);
            }

            @Override
            public void synchronize() {
                Driver.synchronize(stream);
            }
        });
        this.staging = new PinnedStaging(this);
    }

    /** Checks liveness and makes this context current on the calling thread; call first in every operation. */
    void enter(String op) {
        if (closed) throw new IllegalStateException(op + ": the CUDA backend on " + device + " is closed");
        Driver.setCurrent(context);
    }

    CublasHandle cublas() {
        if (cublas == null) cublas = new CublasHandle(stream);
        return cublas;
    }

    CudnnHandle cudnn() {
        if (cudnn == null) cudnn = new CudnnHandle(stream);
        return cudnn;
    }

    void synchronize() {
        Driver.synchronize(stream);
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (closed) return;
        Driver.setCurrent(context);
        Driver.synchronize(stream);
        closed = true;
        try (allocator; staging; kernels) {
            if (cublas != null) cublas.close();
            if (cudnn != null) cudnn.close();
        } finally {
            if (ownsStream) Driver.destroyStream(stream);
            Driver.releasePrimaryContext(ordinal);
        }
    }
}

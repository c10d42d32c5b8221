package dev.rnn4j.cuda;

import dev.rnn4j.backend.TensorMemory;
import dev.rnn4j.tensor.DType;
import dev.rnn4j.tensor.Device;
import dev.rnn4j.tensor.DeviceMemory;
import dev.rnn4j.tensor.Shapes;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * Device tensors: {@link DeviceMemory} (the block's address and size, on this backend's device) whose lifetime
 * is the scope's; closing the scope returns the block to the caching allocator (a cleanup attached to the
 * scope's arena). The host never reads such a tensor: {@link Tensor} refuses it. Copies between host and
 * device go through pinned staging; device to device is one cuMemcpyDtoDAsync.
 */
final class CudaMemory implements TensorMemory {

    private final CudaContext cuda;

    CudaMemory(CudaContext cuda) {
        this.cuda = cuda;
    }

    @Override
    public Tensor allocate(TensorScope scope, DType dtype, long... shape) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(dtype, "dtype");
        long count = Shapes.elementCount(shape);
        if (!scope.isAlive()) throw new IllegalStateException("allocate: scope is closed");
        cuda.enter("allocate");
        long bytes = Math.max(1, count) * dtype.byteSize();
        long address = cuda.allocator.allocate(bytes);
        MemorySegment.Scope lifetime;
        try {
            Driver.memsetD32(address, 0, Math.ceilDiv(bytes, 4), cuda.stream);
            CachingAllocator allocator = cuda.allocator;
            // a zero-length segment that only carries the cleanup: closing the scope returns the block
            lifetime = MemorySegment.ofAddress(address).reinterpret(0, scope.arena(), s -> allocator.release(address)).scope();
        } catch (RuntimeException e) {
            cuda.allocator.release(address);
            throw e;
        }
        return Tensor.contiguous(new DeviceMemory(cuda.device, address, bytes, lifetime), dtype, shape);
    }

    /** Zero-copy view of a host framework's device memory on this device; the framework keeps ownership (no cleanup). */
    @Override
    public Tensor wrap(TensorScope scope, long devicePointer, long byteSize, DType dtype, long... shape) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(dtype, "dtype");
        cuda.enter("wrap");
        return Tensor.contiguous(DeviceMemory.borrowed(scope, cuda.device, devicePointer, byteSize), dtype, shape);
    }

    @Override
    public void copy(Tensor src, Tensor dst) {
        String op = "copy";
        if (src == null || dst == null) throw new IllegalArgumentException("copy: src and dst must not be null");
        if (src.dtype() != dst.dtype()) throw new IllegalArgumentException("copy: dtype of src " + src.describe() + " differs from dst " + dst.describe());
        DeviceOperands.sameShape(op, "src", src, "dst", dst);
        DeviceOperands.copyOperand(cuda.device, "src", src);
        DeviceOperands.copyDestination(cuda.device, dst);
        cuda.enter(op);
        long bytes = src.elementCount() * src.dtype().byteSize();
        if (bytes == 0) return;
        boolean srcHost = src.device().isHost(), dstHost = dst.device().isHost();
        if (srcHost && dstHost) {
            MemorySegment.copy(src.segment(), src.byteOffset(), dst.segment(), dst.byteOffset(), bytes);
        } else if (srcHost) {
            cuda.staging.toDevice(src.segment(), src.byteOffset(), dst.address(), bytes);
        } else if (dstHost) {
            cuda.staging.toHost(src.address(), dst.segment(), dst.byteOffset(), bytes);
        } else {
            Driver.copyDeviceToDevice(dst.address(), src.address(), bytes, cuda.stream);
        }
    }

    @Override
    public void synchronize() {
        cuda.enter("synchronize");
        cuda.synchronize();
    }
}

package dev.rnn4j.cuda;

import dev.rnn4j.backend.TensorMemory;
import dev.rnn4j.tensor.DType;
import dev.rnn4j.tensor.Device;
import dev.rnn4j.tensor.Shapes;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Objects;

/**
 * Device tensors: a {@link MemorySegment} at the device address, sized to the block and bound to the
 * scope's arena, whose cleanup returns the block to the caching allocator. Host element access on such
 * a tensor is refused by {@link Tensor} itself (device placement is explicit). Copies between host and
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
        MemorySegment segment;
        try {
            Driver.memsetD32(address, 0, Math.ceilDiv(bytes, 4), cuda.stream);
            CachingAllocator allocator = cuda.allocator;
            segment = MemorySegment.ofAddress(address).reinterpret(bytes, scope.arena(), s -> allocator.release(address));
        } catch (RuntimeException e) {
            cuda.allocator.release(address);
            throw e;
        }
        return Tensor.contiguous(segment, cuda.device, dtype, shape);
    }

    /** Zero-copy view of a host framework's device memory; the caller keeps ownership (no cleanup). */
    Tensor wrap(TensorScope scope, long devicePointer, long byteSize, DType dtype, long... shape) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(dtype, "dtype");
        if (devicePointer == 0) throw new IllegalArgumentException("wrap: device pointer is null");
        if (byteSize < 0) throw new IllegalArgumentException("wrap: negative byte size " + byteSize);
        cuda.enter("wrap");
        MemorySegment segment = MemorySegment.ofAddress(devicePointer).reinterpret(byteSize, scope.arena(), null);
        return Tensor.contiguous(segment, cuda.device, dtype, shape);
    }

    @Override
    public void copy(Tensor src, Tensor dst) {
        String op = "copy";
        if (src == null || dst == null) throw new IllegalArgumentException("copy: src and dst must not be null");
        if (src.dtype() != dst.dtype()) throw new IllegalArgumentException("copy: dtype of src " + src.describe() + " differs from dst " + dst.describe());
        DeviceOperands.sameShape(op, "src", src, "dst", dst);
        checkSide(src, "src");
        checkSide(dst, "dst");
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

    private void checkSide(Tensor t, String name) {
        if (!t.isAlive()) throw new IllegalStateException("copy: " + name + " " + t.describe() + " is closed (its scope was closed)");
        Device d = t.device();
        if (!d.isHost() && !d.equals(cuda.device)) {
            throw new IllegalArgumentException("copy: " + name + " " + t.describe() + " is on neither the host nor this backend's " + cuda.device);
        }
        if (!t.isContiguous()) {
            throw new IllegalArgumentException("copy: " + name + " " + t.describe() + " must be contiguous for a host/device copy, has strides "
                    + Arrays.toString(t.strides()));
        }
    }

    @Override
    public void synchronize() {
        cuda.enter("synchronize");
        cuda.synchronize();
    }
}

package dev.rnn4j.dlpack;

import static dev.rnn4j.bindings.dlpack.dlpack_h.*;

import dev.rnn4j.bindings.dlpack.DLManagedTensorVersioned;
import dev.rnn4j.bindings.dlpack.DLPackVersion;
import dev.rnn4j.bindings.dlpack.DLTensor;
import dev.rnn4j.tensor.DType;
import dev.rnn4j.tensor.Device;
import dev.rnn4j.tensor.DeviceMemory;
import dev.rnn4j.tensor.Shapes;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Borrowing a producer's {@code DLManagedTensorVersioned}: its memory becomes a tensor of the caller's scope
 * without a copy, and its deleter runs exactly once, when that scope's memory is freed, or at once when the
 * tensor is rejected. Every field is checked before the tensor is made.
 */
final class DLPackImport {

    /** The most dimensions accepted (NumPy's limit), so that a corrupt ndim never sizes a read. */
    static final int MAX_NDIM = 64;

    private DLPackImport() {
    }

    /** The producer's deleter, called once whatever happens. */
    private static final class Release {
        private final MemorySegment managed;
        private final AtomicBoolean done = new AtomicBoolean();

        Release(MemorySegment managed) {
            this.managed = managed;
        }

        void run() {
            if (!done.compareAndSet(false, true)) return;
            MemorySegment deleter = DLManagedTensorVersioned.deleter(managed);
            if (deleter.address() != 0) DLManagedTensorVersioned.deleter.invoke(deleter, managed);
        }
    }

    static Tensor fromDLPack(TensorScope scope, MemorySegment pointer) {
        if (pointer == null || pointer.address() == 0) throw new IllegalArgumentException("fromDLPack: the DLManagedTensorVersioned pointer is null");
        // the producer keeps the struct alive until its deleter runs: read it at its address, without a lifetime of ours
        MemorySegment managed = MemorySegment.ofAddress(pointer.address()).reinterpret(DLManagedTensorVersioned.sizeof());
        Release release = new Release(managed);
        try {
            return borrow(scope, managed, release);
        } catch (RuntimeException | Error e) {
            release.run();
            throw e;
        }
    }

    private static Tensor borrow(TensorScope scope, MemorySegment managed, Release release) {
        MemorySegment version = DLManagedTensorVersioned.version(managed);
        int major = DLPackVersion.major(version), minor = DLPackVersion.minor(version);
        if (major != DLPACK_MAJOR_VERSION()) {
            // only version, manager_ctx, deleter and flags are stable across major versions: nothing else is read
            throw new IllegalArgumentException("fromDLPack: the tensor is DLPack " + Integer.toUnsignedString(major) + "." + Integer.toUnsignedString(minor)
                    + ", rnn4j reads DLPack " + DLPACK_MAJOR_VERSION() + ".x (built against " + DLPACK_MAJOR_VERSION() + "." + DLPACK_MINOR_VERSION()
                    + "); it was released unread");
        }
        if (scope == null) throw new IllegalArgumentException("fromDLPack: scope is null");
        if (!scope.isAlive()) throw new IllegalStateException("fromDLPack: the scope is closed");
        MemorySegment dl = DLManagedTensorVersioned.dl_tensor(managed);
        DType dtype = DLPackTypes.readDType(DLTensor.dtype(dl));
        Device device = DLPackTypes.readDevice(DLTensor.device(dl));
        int ndim = DLTensor.ndim(dl);
        if (ndim < 0 || ndim > MAX_NDIM) throw new IllegalArgumentException("fromDLPack: ndim " + ndim + " is outside [0, " + MAX_NDIM + "]");
        long[] shape = longs(DLTensor.shape(dl), ndim, "shape");
        for (int i = 0; i < ndim; i++) {
            if (shape[i] < 0) throw new IllegalArgumentException("fromDLPack: shape[" + i + "] = " + shape[i] + " is negative (shape " + Shapes.toString(shape) + ")");
        }
        MemorySegment stridesPointer = DLTensor.strides(dl);
        long[] strides = stridesPointer.address() == 0 ? Shapes.rowMajorStrides(shape) : longs(stridesPointer, ndim, "strides");
        for (int i = 0; i < ndim; i++) {
            if (strides[i] < 0) {
                throw new IllegalArgumentException("fromDLPack: stride " + strides[i] + " at dim " + i + " is negative; rnn4j views need strides >= 0"
                        + " (make the tensor contiguous in its framework first)");
            }
        }
        long bytes;
        try {
            bytes = Shapes.spanBytes(shape, strides, 0, dtype.byteSize());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("fromDLPack: " + e.getMessage(), e);
        }
        long data = DLTensor.data(dl).address();
        long byteOffset = DLTensor.byte_offset(dl);
        if (byteOffset < 0) throw new IllegalArgumentException("fromDLPack: byte_offset " + Long.toUnsignedString(byteOffset) + " is beyond 2^63");
        if (data == 0 && bytes > 0) throw new IllegalArgumentException("fromDLPack: data is NULL for a tensor of shape " + Shapes.toString(shape));
        long first = data + byteOffset;
        if (Long.compareUnsigned(first, data) < 0 || Long.compareUnsigned(first + bytes, first) < 0) {
            throw new IllegalArgumentException("fromDLPack: data 0x" + Long.toHexString(data) + " + byte_offset " + byteOffset + " + " + bytes
                    + " bytes wraps around the address space");
        }
        Tensor tensor = device.isHost()
                ? Tensor.of(MemorySegment.ofAddress(first).reinterpret(bytes, scope.arena(), null), dtype, 0, shape, strides)
                : Tensor.of(new DeviceMemory(device, first, bytes, scope.arena().scope()), dtype, 0, shape, strides);
        // from here the producer's memory is the scope's: its deleter runs when the scope's memory is freed
        MemorySegment.ofAddress(managed.address()).reinterpret(0, scope.arena(), ignored -> release.run());
        return (DLManagedTensorVersioned.flags(managed) & DLPACK_FLAG_BITMASK_READ_ONLY()) != 0 ? tensor.asReadOnly() : tensor;
    }

    private static long[] longs(MemorySegment pointer, int count, String field) {
        if (count == 0) return new long[0];
        if (pointer.address() == 0) throw new IllegalArgumentException("fromDLPack: " + field + " is NULL for ndim " + count);
        return MemorySegment.ofAddress(pointer.address()).reinterpret((long) count * Long.BYTES).toArray(ValueLayout.JAVA_LONG);
    }
}

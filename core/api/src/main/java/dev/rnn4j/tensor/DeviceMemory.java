package dev.rnn4j.tensor;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * Memory on an accelerator, as a {@link Tensor} needs it described: the device, the address of its first
 * byte (a device pointer: never dereferenced by the host), its size in bytes, and the lifetime during which it
 * may be used. A tensor over it is bounds-checked against {@code byteSize} and refuses every host access
 * ({@link Tensor#segment()}, get/set, array copies): only a backend of that device reads or writes it.
 *
 * <p>Who frees the memory is not this record's business: memory a backend allocates returns to it when its
 * scope closes; memory a host framework owns (see {@link #borrowed}) is never freed by rnn4j.
 *
 * @param address  the device address of the first byte; 0 only for an empty block
 * @param lifetime while it is alive the memory may be used; afterwards every use of the tensor throws
 */
public record DeviceMemory(Device device, long address, long byteSize, MemorySegment.Scope lifetime) {

    public DeviceMemory {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(lifetime, "lifetime");
        if (device.isHost()) {
            throw new IllegalArgumentException("DeviceMemory describes accelerator memory, got device " + device
                    + "; host memory is a MemorySegment (Tensor.wrap / Tensor.contiguous)");
        }
        if (byteSize < 0) throw new IllegalArgumentException("negative byte size " + byteSize + " of device memory on " + device);
        if (address == 0 && byteSize > 0) throw new IllegalArgumentException("null device pointer for " + byteSize + " bytes on " + device);
        if (Long.compareUnsigned(address + byteSize, address) < 0) {
            throw new IllegalArgumentException("device memory at 0x" + Long.toHexString(address) + " of " + byteSize + " bytes on " + device
                    + " wraps around the 64-bit address space");
        }
    }

    /**
     * Memory a host framework owns on {@code device}, usable by rnn4j until {@code scope} closes; rnn4j never
     * frees it (the framework must keep it allocated at least that long).
     */
    public static DeviceMemory borrowed(TensorScope scope, Device device, long address, long byteSize) {
        Objects.requireNonNull(scope, "scope");
        scope.requireAlive();
        return new DeviceMemory(device, address, byteSize, scope.arena().scope());
    }

    public boolean isAlive() {
        return lifetime.isAlive();
    }

    @Override
    public String toString() {
        return byteSize + " bytes at 0x" + Long.toHexString(address) + " on " + device;
    }
}

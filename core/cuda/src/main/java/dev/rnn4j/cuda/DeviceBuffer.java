package dev.rnn4j.cuda;

import java.lang.foreign.MemorySegment;

/** Scratch device memory for one operation (partial sums, uploaded lengths), returned to the cache on close (once). */
final class DeviceBuffer implements AutoCloseable {

    private final CachingAllocator allocator;
    final long address;
    final long bytes;
    private boolean closed;

    DeviceBuffer(CachingAllocator allocator, long bytes) {
        this.allocator = allocator;
        this.bytes = bytes;
        this.address = allocator.allocate(bytes);
    }

    /** A device buffer holding a copy of host {@code values}. */
    static DeviceBuffer ofInts(CudaContext cuda, int[] values) {
        DeviceBuffer b = new DeviceBuffer(cuda.allocator, (long) values.length * Integer.BYTES);
        try {
            cuda.staging.toDevice(MemorySegment.ofArray(values), 0, b.address, b.bytes);
            return b;
        } catch (RuntimeException e) {
            b.close();
            throw e;
        }
    }

    MemorySegment pointer() {
        return MemorySegment.ofAddress(address);
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        allocator.release(address);
    }
}

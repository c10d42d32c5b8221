package dev.rnn4j.cuda;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A stream-ordered caching allocator for one stream (PyTorch's idea, much simplified): freed blocks go
 * back to a cache keyed by size and are handed out again without a cudaMalloc. Every use of a block is
 * queued on the backend's single stream, so a block reused by later work is only touched after the earlier
 * work on it: no event is needed. A request takes the smallest cached block of at least its rounded size
 * and at most twice it. When the device is out of memory the cache is emptied and the allocation retried
 * once; if that fails too, a {@link CudaOutOfMemoryException} leaves nothing allocated for the request.
 */
final class CachingAllocator implements AutoCloseable {

    /** Raw device memory: cuMemAlloc / cuMemFree, and a stream synchronize before raw frees. */
    interface RawMemory {
        long allocate(long bytes);

        void free(long address);

        void synchronize();
    }

    static final long SMALL_ALIGNMENT = 512;
    static final long LARGE_THRESHOLD = 1L << 20;
    static final long LARGE_ALIGNMENT = 2L << 20;

    private final RawMemory raw;
    private final TreeMap<Long, ArrayDeque<Long>> cached = new TreeMap<>();
    private final Map<Long, Long> inUse = new HashMap<>();
    private long bytesInUse;
    private long bytesCached;
    private long rawAllocations;
    private boolean closed;

    CachingAllocator(RawMemory raw) {
        this.raw = raw;
    }

    /** Block size for a request: 512-byte multiples below 1 MiB, 2 MiB multiples above. */
    static long roundUp(long bytes) {
        if (bytes < 0) throw new IllegalArgumentException("negative allocation " + bytes);
        long b = Math.max(bytes, 1);
        long alignment = b < LARGE_THRESHOLD ? SMALL_ALIGNMENT : LARGE_ALIGNMENT;
        return Math.ceilDiv(b, alignment) * alignment;
    }

    synchronized long allocate(long bytes) {
        if (closed) throw new IllegalStateException("the CUDA backend's allocator is closed");
        long size = roundUp(bytes);
        var entry = cached.ceilingEntry(size);
        if (entry != null && entry.getKey() <= 2 * size) {
            long address = entry.getValue().pop();
            if (entry.getValue().isEmpty()) cached.remove(entry.getKey());
            bytesCached -= entry.getKey();
            return take(address, entry.getKey());
        }
        long address;
        try {
            address = raw.allocate(size);
        } catch (CudaOutOfMemoryException first) {
            emptyCache();
            try {
                address = raw.allocate(size);
            } catch (CudaOutOfMemoryException second) {
                throw new CudaOutOfMemoryException(second.library(), second.function(), second.status(),
                        "out of device memory allocating " + size + " bytes (" + bytesInUse + " bytes in use by this backend, cache emptied): "
                                + second.getMessage());
            }
        }
        rawAllocations++;
        return take(address, size);
    }

    private long take(long address, long size) {
        inUse.put(address, size);
        bytesInUse += size;
        return address;
    }

    /** Returns a block to the cache. After {@link #close()} (its memory already freed) this is a no-op. */
    synchronized void release(long address) {
        if (closed) return;
        Long size = inUse.remove(address);
        if (size == null) throw new IllegalStateException("block 0x" + Long.toHexString(address) + " was not allocated here or was released twice");
        bytesInUse -= size;
        bytesCached += size;
        cached.computeIfAbsent(size, k -> new ArrayDeque<>()).push(address);
    }

    /** Frees every cached block back to the device. */
    synchronized void emptyCache() {
        if (cached.isEmpty()) return;
        raw.synchronize();
        for (var e : cached.entrySet()) for (long address : e.getValue()) raw.free(address);
        cached.clear();
        bytesCached = 0;
    }

    synchronized long bytesInUse() {
        return bytesInUse;
    }

    synchronized long bytesCached() {
        return bytesCached;
    }

    /** How many cuMemAlloc calls were made (flat in a steady training loop). */
    synchronized long rawAllocations() {
        return rawAllocations;
    }

    /** Frees cached and in-use blocks; tensors still pointing at them are unusable through the closed backend. */
    @Override
    public synchronized void close() {
        if (closed) return;
        emptyCache();
        for (long address : inUse.keySet()) raw.free(address);
        inUse.clear();
        bytesInUse = 0;
        closed = true;
    }
}

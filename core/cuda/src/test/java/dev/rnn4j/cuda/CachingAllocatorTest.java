package dev.rnn4j.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The caching allocator over a fake device with a byte budget. */
class CachingAllocatorTest {

    static final class FakeDevice implements CachingAllocator.RawMemory {
        final long capacity;
        final Map<Long, Long> live = new HashMap<>();
        long next = 0x7000_0000L;
        int syncs;

        FakeDevice(long capacity) {
            this.capacity = capacity;
        }

        long used() {
            return live.values().stream().mapToLong(Long::longValue).sum();
        }

        @Override
        public long allocate(long bytes) {
            if (used() + bytes > capacity) throw new CudaOutOfMemoryException(Status.DRIVER, "cuMemAlloc_v2", 2, "cuMemAlloc_v2 failed: CUDA_ERROR_OUT_OF_MEMORY (2)");
            long a = next;
            next += bytes;
            live.put(a, bytes);
            return a;
        }

        @Override
        public void free(long address) {
            if (live.remove(address) == null) throw new AssertionError("double free " + address);
        }

        @Override
        public void synchronize() {
            syncs++;
        }
    }

    @Test
    void roundsSmallTo512AndLargeTo2MiB() {
        assertEquals(512, CachingAllocator.roundUp(0));
        assertEquals(512, CachingAllocator.roundUp(512));
        assertEquals(1024, CachingAllocator.roundUp(513));
        assertEquals(2L << 20, CachingAllocator.roundUp(1L << 20));
        assertEquals(4L << 20, CachingAllocator.roundUp((2L << 20) + 1));
        assertThrows(IllegalArgumentException.class, () -> CachingAllocator.roundUp(-1));
    }

    @Test
    void steadyLoopReusesBlocksWithoutNewRawAllocations() {
        FakeDevice dev = new FakeDevice(1 << 24);
        CachingAllocator alloc = new CachingAllocator(dev);
        for (int step = 0; step < 1000; step++) {
            long a = alloc.allocate(4000);
            long b = alloc.allocate(100_000);
            alloc.release(b);
            alloc.release(a);
        }
        assertEquals(2, alloc.rawAllocations());
        assertEquals(0, alloc.bytesInUse());
        assertEquals(4096 + 100_352, alloc.bytesCached());
    }

    @Test
    void aBlockMoreThanTwiceTheRequestIsNotReused() {
        CachingAllocator alloc = new CachingAllocator(new FakeDevice(1 << 24));
        long big = alloc.allocate(8192);
        alloc.release(big);
        long small = alloc.allocate(1024);
        assertNotEquals(big, small);
        long medium = alloc.allocate(4096);
        assertEquals(big, medium);
    }

    @Test
    void outOfMemoryEmptiesTheCacheThenRetries() {
        FakeDevice dev = new FakeDevice(10_240);
        CachingAllocator alloc = new CachingAllocator(dev);
        alloc.release(alloc.allocate(8192));
        long a = alloc.allocate(9 * 1024); // needs the cached 8 KiB back
        assertEquals(1, dev.live.size());
        assertTrue(dev.syncs >= 1, "raw frees wait for the stream");
        alloc.release(a);
    }

    @Test
    void outOfMemoryForRealLeavesNothingAllocated() {
        FakeDevice dev = new FakeDevice(4096);
        CachingAllocator alloc = new CachingAllocator(dev);
        long keep = alloc.allocate(2048);
        CudaOutOfMemoryException e = assertThrows(CudaOutOfMemoryException.class, () -> alloc.allocate(4096));
        assertTrue(e.getMessage().contains("out of device memory allocating 4096 bytes (2048 bytes in use"), e.getMessage());
        assertEquals(2048, dev.used());
        assertEquals(2048, alloc.bytesInUse());
        alloc.release(keep);
    }

    @Test
    void doubleReleaseAndUseAfterCloseThrow() {
        FakeDevice dev = new FakeDevice(1 << 20);
        CachingAllocator alloc = new CachingAllocator(dev);
        long a = alloc.allocate(100);
        alloc.allocate(200);
        alloc.release(a);
        assertThrows(IllegalStateException.class, () -> alloc.release(a));
        alloc.close();
        assertEquals(0, dev.live.size(), "close frees cached and in-use blocks");
        assertThrows(IllegalStateException.class, () -> alloc.allocate(1));
        alloc.release(12345); // a tensor scope closing after the backend: ignored
    }
}

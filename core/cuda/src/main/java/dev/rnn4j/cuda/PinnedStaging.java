package dev.rnn4j.cuda;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * One page-locked host buffer per backend through which host↔device copies go in chunks (the DMA engine
 * reads pinned memory directly; pageable memory would be staged by the driver anyway, synchronously).
 * Each chunk waits for its copy before the buffer is reused, so a copy is complete when the call returns.
 */
final class PinnedStaging implements AutoCloseable {

    static final long CHUNK = 4L << 20;

    private final CudaContext cuda;
    private MemorySegment buffer;

    PinnedStaging(CudaContext cuda) {
        this.cuda = cuda;
    }

    private MemorySegment buffer() {
        if (buffer == null) buffer = Driver.allocHost(CHUNK);
        return buffer;
    }

    /** Copies {@code bytes} from host {@code src} at {@code srcOffset} to device address {@code dst}. */
    void toDevice(MemorySegment src, long srcOffset, long dst, long bytes) {
        MemorySegment b = buffer();
        for (long done = 0; done < bytes; done += CHUNK) {
            long n = Math.min(CHUNK, bytes - done);
            MemorySegment.copy(src, srcOffset + done, b, 0, n);
            Driver.copyHostToDevice(dst + done, b, n, cuda.stream);
            Driver.synchronize(cuda.stream);
        }
    }

    /** Copies {@code bytes} from device address {@code src} into host {@code dst} at {@code dstOffset}. */
    void toHost(long src, MemorySegment dst, long dstOffset, long bytes) {
        MemorySegment b = buffer();
        for (long done = 0; done < bytes; done += CHUNK) {
            long n = Math.min(CHUNK, bytes - done);
            Driver.copyDeviceToHost(b, src + done, n, cuda.stream);
            Driver.synchronize(cuda.stream);
            MemorySegment.copy(b, 0, dst, dstOffset + done, n);
        }
    }

    /** Reads {@code count} int32 values from the device (for validating ids and labels on the host). */
    int[] readInts(long src, int count) {
        int[] out = new int[count];
        toHost(src, MemorySegment.ofArray(out), 0, (long) count * Integer.BYTES);
        return out;
    }

    /** Reads one float (a reduction's result). */
    float readFloat(long src) {
        MemorySegment b = buffer();
        Driver.copyDeviceToHost(b, src, Float.BYTES, cuda.stream);
        Driver.synchronize(cuda.stream);
        return b.get(ValueLayout.JAVA_FLOAT, 0);
    }

    @Override
    public void close() {
        if (buffer != null) Driver.freeHost(buffer);
        buffer = null;
    }
}

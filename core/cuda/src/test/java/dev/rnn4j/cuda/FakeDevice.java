package dev.rnn4j.cuda;

import dev.rnn4j.tensor.DType;
import dev.rnn4j.tensor.Device;
import dev.rnn4j.tensor.DeviceMemory;
import dev.rnn4j.tensor.Tensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Device tensors for tests without a GPU: their {@link DeviceMemory} points at host memory that only the test
 * reads, through {@link #memory} (the tensor itself refuses host access, as any device tensor does). Nothing
 * runs on a GPU.
 */
final class FakeDevice {

    static final Device GPU = Device.cuda(0);
    private static final Arena ARENA = Arena.ofAuto();
    private static final Map<Long, MemorySegment> BLOCKS = new ConcurrentHashMap<>();

    private FakeDevice() {
    }

    /** A float32 tensor of {@code shape} on cuda:0 over fresh zeroed memory that lives as long as the test JVM. */
    static Tensor tensor(long... shape) {
        return tensor(ARENA, shape);
    }

    /** A float32 tensor of {@code shape} on cuda:0 over fresh zeroed memory of {@code arena} (closed with it). */
    static Tensor tensor(Arena arena, long... shape) {
        long n = 1;
        for (long d : shape) n *= d;
        MemorySegment block = arena.allocate(Math.max(1, n) * Float.BYTES, 64);
        BLOCKS.put(block.address(), block);
        return Tensor.contiguous(new DeviceMemory(GPU, block.address(), block.byteSize(), arena.scope()), DType.FLOAT32, shape);
    }

    /** The whole block of host memory behind a tensor made by {@link #tensor} (or a view of one). */
    static MemorySegment memory(Tensor t) {
        MemorySegment block = BLOCKS.get(t.address() - t.byteOffset());
        if (block == null) throw new IllegalArgumentException(t.describe() + " was not made by FakeDevice");
        return block;
    }
}

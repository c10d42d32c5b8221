package dev.rnn4j.tensor;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.foreign.Arena;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Host and device memory are distinct kinds of tensor storage: a device tensor (here over fake device memory,
 * an address that is never dereferenced) refuses every host access with an exception naming it and its device.
 */
class DeviceMemoryTest {

    private static final long FAKE_POINTER = 0x7f00_0000_0000L;

    private static void assertMessage(Class<? extends Throwable> type, Executable call, String... fragments) {
        Throwable e = assertThrows(type, call);
        for (String f : fragments) assertTrue(e.getMessage().contains(f), "message '" + e.getMessage() + "' should contain '" + f + "'");
    }

    @Test
    void hostAccessToDeviceMemoryThrowsNamingTheTensorAndItsDevice() {
        try (TensorScope scope = TensorScope.open()) {
            Tensor gpu = Tensor.contiguous(DeviceMemory.borrowed(scope, Device.cuda(1), FAKE_POINTER, 24), DType.FLOAT32, 2, 3);
            String named = "float32[2, 3]@cuda:1 lives in device memory on cuda:1";
            assertMessage(IllegalStateException.class, gpu::segment, "segment: tensor " + named);
            assertMessage(IllegalStateException.class, () -> gpu.get(0, 0), "get: tensor " + named);
            assertMessage(IllegalStateException.class, () -> gpu.set(1f, 0, 0), "set: tensor " + named);
            assertMessage(IllegalStateException.class, gpu::toFloatArray, "toFloatArray: tensor " + named);
            assertMessage(IllegalStateException.class, () -> gpu.copyFrom(new float[6]), "copyFrom: tensor " + named);
            // the crash this replaces: reading a device tensor's "segment" as host memory
            assertMessage(IllegalStateException.class, () -> Tensor.wrap(gpu.segment(), 2, 3), "segment: tensor " + named);
            Tensor ints = Tensor.contiguous(DeviceMemory.borrowed(scope, Device.cuda(1), FAKE_POINTER, 24), DType.INT32, 6);
            assertMessage(IllegalStateException.class, () -> ints.getInt(0), "getInt: tensor int32[6]@cuda:1 lives in device memory");
            assertMessage(IllegalStateException.class, () -> ints.setInt(1, 0), "setInt: tensor int32[6]@cuda:1");
            assertMessage(IllegalStateException.class, ints::toIntArray, "toIntArray: tensor int32[6]@cuda:1");
            // views stay device tensors; their address is the device pointer plus the view's offset
            Tensor row = gpu.select(0, 1);
            assertEquals(Device.cuda(1), row.device());
            assertEquals(FAKE_POINTER + 3 * 4, row.address());
            assertMessage(IllegalStateException.class, row::toFloatArray, "float32[3]@cuda:1 lives in device memory");
            assertEquals(FAKE_POINTER, gpu.deviceMemory().address());
        }
    }

    @Test
    void deviceTensorsAreBoundsCheckedAgainstTheirByteSize() {
        try (TensorScope scope = TensorScope.open()) {
            DeviceMemory memory = DeviceMemory.borrowed(scope, Device.cuda(0), FAKE_POINTER, 24);
            assertMessage(IndexOutOfBoundsException.class, () -> Tensor.contiguous(memory, DType.FLOAT32, 2, 4), "needs 32 bytes", "has 24");
            assertMessage(IndexOutOfBoundsException.class, () -> Tensor.of(memory, DType.FLOAT32, 1, new long[] {2, 3}, new long[] {3, 1}),
                    "needs 28 bytes");
            assertMessage(IllegalArgumentException.class, () -> Tensor.of(memory, DType.FLOAT32, 0, new long[] {2, 2}, new long[] {Long.MAX_VALUE / 2, 1}),
                    "64-bit");
            assertMessage(IllegalArgumentException.class, () -> Tensor.contiguous(memory, DType.FLOAT32, Long.MAX_VALUE / 2, 4), "overflows");
            assertMessage(IllegalArgumentException.class, () -> Tensor.of(memory, DType.FLOAT32, 0, new long[] {2}, new long[] {-1}), "negative stride");
            assertMessage(IllegalArgumentException.class, () -> Tensor.of(memory, DType.FLOAT32, -1, new long[] {2}, new long[] {1}), "negative offset");
            assertEquals(6, Tensor.contiguous(memory, DType.FLOAT32, 2, 3).elementCount());
        }
    }

    @Test
    void deviceMemoryNeedsAPointerASizeADeviceAndALifetime() {
        try (Arena arena = Arena.ofConfined()) {
            var lifetime = arena.scope();
            assertMessage(IllegalArgumentException.class, () -> new DeviceMemory(Device.CPU, FAKE_POINTER, 8, lifetime), "got device cpu", "MemorySegment");
            assertMessage(IllegalArgumentException.class, () -> new DeviceMemory(Device.cuda(0), FAKE_POINTER, -8, lifetime), "negative byte size -8");
            assertMessage(IllegalArgumentException.class, () -> new DeviceMemory(Device.cuda(0), 0, 8, lifetime), "null device pointer");
            assertMessage(IllegalArgumentException.class, () -> new DeviceMemory(Device.cuda(0), -16, 32, lifetime), "wraps around");
            assertThrows(NullPointerException.class, () -> new DeviceMemory(Device.cuda(0), FAKE_POINTER, 8, null));
            assertEquals(0, Tensor.contiguous(new DeviceMemory(Device.cuda(0), 0, 0, lifetime), DType.FLOAT32, 0).elementCount());
        }
        TensorScope closed = TensorScope.open();
        closed.close();
        assertMessage(IllegalStateException.class, () -> DeviceMemory.borrowed(closed, Device.cuda(0), FAKE_POINTER, 8), "closed");
    }

    @Test
    void deviceTensorsDieWithTheirLifetime() {
        Tensor gpu;
        try (TensorScope scope = TensorScope.open()) {
            gpu = Tensor.contiguous(DeviceMemory.borrowed(scope, Device.cuda(0), FAKE_POINTER, 8), DType.FLOAT32, 2);
            assertTrue(gpu.isAlive());
            assertTrue(scope.owns(gpu));
        }
        assertFalse(gpu.isAlive());
        assertMessage(IllegalStateException.class, gpu::address, "float32[2]@cuda:0 is closed");
        assertMessage(IllegalStateException.class, gpu::deviceMemory, "closed");
    }

    @Test
    void hostTensorsHaveNoDeviceMemory() {
        try (TensorScope scope = TensorScope.open()) {
            assertMessage(IllegalStateException.class, () -> scope.zeros(2).deviceMemory(), "float32[2]@cpu is in host memory");
        }
    }

    @Test
    void readOnlyTensorsRefuseHostWrites() {
        try (TensorScope scope = TensorScope.open()) {
            Tensor t = scope.fromArray(new float[] {1, 2, 3, 4}, 2, 2);
            Tensor ro = t.asReadOnly();
            assertTrue(ro.isReadOnly());
            assertFalse(t.isReadOnly());
            assertEquals(4f, ro.get(1, 1));
            assertMessage(IllegalStateException.class, () -> ro.set(0f, 0, 0), "set: tensor float32[2, 2]@cpu (read-only) is read-only");
            assertMessage(IllegalStateException.class, () -> ro.copyFrom(new float[4]), "copyFrom", "read-only");
            assertTrue(ro.select(0, 1).isReadOnly(), "views of a read-only tensor are read-only");
            assertTrue(ro.segment().isReadOnly(), "and so is its segment, so no host write path gets through");
            assertTrue(Tensor.wrap(t.segment().asReadOnly(), 4).isReadOnly());
            Tensor gpu = Tensor.contiguous(DeviceMemory.borrowed(scope, Device.cuda(0), FAKE_POINTER, 8), DType.FLOAT32, 2).asReadOnly();
            assertEquals("float32[2]@cuda:0 (read-only)", gpu.describe());
        }
    }

    @Test
    void spanBytesIsOverflowChecked() {
        assertEquals(24, Shapes.spanBytes(new long[] {2, 3}, new long[] {3, 1}, 0, 4));
        assertEquals(8, Shapes.spanBytes(new long[] {0, 3}, new long[] {3, 1}, 2, 4));
        assertEquals(4, Shapes.spanBytes(new long[] {5}, new long[] {0}, 0, 4));
        assertThrows(IllegalArgumentException.class, () -> Shapes.spanBytes(new long[] {3}, new long[] {Long.MAX_VALUE}, 0, 4));
        assertThrows(IllegalArgumentException.class, () -> Shapes.spanBytes(new long[] {3}, new long[] {1, 1}, 0, 4));
    }
}

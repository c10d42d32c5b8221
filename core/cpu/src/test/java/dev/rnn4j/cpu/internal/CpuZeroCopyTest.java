package dev.rnn4j.cpu.internal;

import static org.junit.jupiter.api.Assertions.*;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.tensor.DType;
import dev.rnn4j.tensor.Device;
import dev.rnn4j.tensor.DeviceMemory;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

/** The zero-copy contract of {@link Backend} on the CPU: host memory in place, no device memory. */
class CpuZeroCopyTest {

    private final Backend cpu = new CpuBackend();

    @Test
    void hostMemoryOfTheFrameworkIsUsedInPlace() {
        try (Arena framework = Arena.ofShared(); TensorScope scope = TensorScope.open()) {
            MemorySegment own = framework.allocate(ValueLayout.JAVA_FLOAT, 6);
            Tensor x = Tensor.wrap(own, 2, 3);
            Tensor onDevice = cpu.toDevice(scope, x);
            assertSame(x, onDevice, "toDevice of a host tensor on the cpu is the tensor itself");
            cpu.fill(onDevice, 2.5f);
            assertEquals(2.5f, own.getAtIndex(ValueLayout.JAVA_FLOAT, 5), "the kernel wrote the framework's memory");
        }
    }

    @Test
    void deviceMemoryIsRefusedNamingBothDevices() {
        try (TensorScope scope = TensorScope.open()) {
            UnsupportedOperationException wrap = assertThrows(UnsupportedOperationException.class,
                    () -> cpu.wrap(scope, 0x7f00_0000_0000L, 24, DType.FLOAT32, 2, 3));
            assertTrue(wrap.getMessage().contains("Tensor.wrap"), wrap.getMessage());
            Tensor gpu = Tensor.contiguous(DeviceMemory.borrowed(scope, Device.cuda(0), 0x7f00_0000_0000L, 24), DType.FLOAT32, 2, 3);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cpu.toDevice(scope, gpu));
            assertTrue(e.getMessage().contains("float32[2, 3]@cuda:0 is on cuda:0 but this backend runs on cpu"), e.getMessage());
        }
    }

    @Test
    void theCpuHasNoStream() {
        assertTrue(cpu.stream().isEmpty());
    }
}

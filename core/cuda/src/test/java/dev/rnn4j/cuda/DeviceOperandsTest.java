package dev.rnn4j.cuda;

import static org.junit.jupiter.api.Assertions.*;

import dev.rnn4j.rnn.RnnDataDescriptor;
import dev.rnn4j.rnn.RnnDataLayout;
import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.rnn.RnnMode;
import dev.rnn4j.rnn.RnnSpaceSizes;
import dev.rnn4j.tensor.DType;
import dev.rnn4j.tensor.Device;
import dev.rnn4j.tensor.DeviceMemory;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The CUDA backend's host-side operand checks, on fake device memory (addresses never dereferenced): a host
 * tensor, or one on another GPU, where device memory of this GPU is needed is an exception naming the tensor
 * and both devices. No GPU is involved.
 */
class DeviceOperandsTest {

    private static final Device GPU = Device.cuda(0);

    private static void assertMessage(Class<? extends Throwable> type, Executable call, String... fragments) {
        Throwable e = assertThrows(type, call);
        for (String f : fragments) assertTrue(e.getMessage().contains(f), "message '" + e.getMessage() + "' should contain '" + f + "'");
    }

    private static Tensor fake(TensorScope scope, Device device, long... shape) {
        long bytes = Float.BYTES;
        for (long d : shape) bytes *= d;
        return Tensor.contiguous(DeviceMemory.borrowed(scope, device, 0x7f00_0000_0000L, bytes), DType.FLOAT32, shape);
    }

    @Test
    void aHostTensorWhereDeviceMemoryIsNeededNamesBothDevices() {
        try (TensorScope scope = TensorScope.open()) {
            Tensor host = scope.zeros(2, 3);
            assertMessage(IllegalArgumentException.class, () -> DeviceOperands.floats(GPU, "fill", "x", host),
                    "fill: x float32[2, 3]@cpu is on cpu but this backend runs on cuda:0");
            assertMessage(IllegalArgumentException.class, () -> DeviceOperands.floats(GPU, "gemm", "b", fake(scope, Device.cuda(1), 2, 3)),
                    "gemm: b float32[2, 3]@cuda:1 is on cuda:1 but this backend runs on cuda:0");
            assertSame(host, DeviceOperands.copyOperand(GPU, "src", host), "a copy takes host memory on either side");
            Tensor mine = fake(scope, GPU, 2, 3);
            assertSame(mine, DeviceOperands.floats(GPU, "fill", "x", mine));
            assertMessage(IllegalArgumentException.class, () -> DeviceOperands.copyOperand(GPU, "dst", fake(scope, Device.cuda(1), 2, 3)),
                    "copy: dst float32[2, 3]@cuda:1 is on neither the host nor this backend's cuda:0");
            assertMessage(IllegalArgumentException.class, () -> DeviceOperands.copyOperand(GPU, "src", mine.transpose(0, 1)), "must be contiguous");
            assertMessage(IllegalArgumentException.class, () -> DeviceOperands.copyDestination(GPU, mine.asReadOnly()),
                    "copy: dst float32[2, 3]@cuda:0 (read-only) is read-only");
            assertMessage(IllegalArgumentException.class, () -> DeviceOperands.copyDestination(GPU, host.asReadOnly()), "is read-only");
            assertSame(mine, DeviceOperands.copyDestination(GPU, mine));
        }
    }

    @Test
    void closedDeviceTensorsAreRejectedBeforeAnyCall() {
        Tensor gone;
        try (TensorScope scope = TensorScope.open()) {
            gone = fake(scope, GPU, 4);
        }
        Tensor closed = gone;
        assertMessage(IllegalStateException.class, () -> DeviceOperands.floats(GPU, "fill", "x", closed), "fill: x float32[4]@cuda:0 is closed");
        assertMessage(IllegalStateException.class, () -> DeviceOperands.copyOperand(GPU, "src", closed), "copy: src float32[4]@cuda:0 is closed");
    }
}

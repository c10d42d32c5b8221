package dev.rnn4j.cpu.internal;

import static org.junit.jupiter.api.Assertions.*;

import dev.rnn4j.backend.Activation;
import dev.rnn4j.backend.BinaryOp;
import dev.rnn4j.tensor.DType;
import dev.rnn4j.tensor.Device;
import dev.rnn4j.tensor.DeviceMemory;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad arguments: each is an exception naming the problem, thrown before any memory is touched. */
class CpuBackendValidationTest {

    private final CpuBackend cpu = new CpuBackend();

    private static void assertMessage(Class<? extends Throwable> type, String fragment, Executable call) {
        Throwable e = assertThrows(type, call);
        assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' should contain '" + fragment + "'");
    }

    @Test
    void closedTensorsAreRejected() {
        Tensor closed;
        try (TensorScope s = TensorScope.open()) {
            closed = s.zeros(2, 3);
        }
        try (TensorScope s = TensorScope.open()) {
            Tensor live = s.zeros(2, 3);
            assertMessage(IllegalStateException.class, "fill: x float32[2, 3]@cpu is closed", () -> cpu.fill(closed, 1f));
            assertMessage(IllegalStateException.class, "binary: b", () -> cpu.binary(BinaryOp.ADD, live, closed, live));
            assertMessage(IllegalStateException.class, "gemm: c", () -> cpu.gemm(false, true, 1f, live, live, 0f, closed));
            assertMessage(IllegalStateException.class, "copy: src", () -> cpu.copy(closed, live));
            assertMessage(IllegalStateException.class, "sum: x", () -> cpu.sum(closed));
            assertMessage(IllegalStateException.class, "adamStep: m", () -> cpu.adamStep(live, live, closed, live, 0.1f, 0.9f, 0.99f, 1e-8f, 1));
        }
    }

    @Test
    void deviceDtypeShapeAndNull() {
        try (TensorScope s = TensorScope.open()) {
            // fake device memory: an address that is never dereferenced
            Tensor gpu = Tensor.contiguous(DeviceMemory.borrowed(s, Device.cuda(0), 0x7f00_0000_0000L, 24), DType.FLOAT32, 2, 3);
            Tensor x = s.zeros(2, 3);
            assertMessage(IllegalArgumentException.class, "activation: x float32[2, 3]@cuda:0 is on cuda:0 but this backend runs on cpu",
                    () -> cpu.activation(Activation.TANH, gpu, x));
            assertMessage(IllegalArgumentException.class, "copy: dst float32[2, 3]@cuda:0 is on cuda:0 but this backend runs on cpu",
                    () -> cpu.copy(x, gpu));
            assertMessage(IllegalArgumentException.class, "gemm: b float32[2, 3]@cuda:0 is on cuda:0 but this backend runs on cpu",
                    () -> cpu.gemm(false, true, 1f, x, gpu, 0f, s.zeros(2, 2)));
            assertMessage(IllegalArgumentException.class, "copy: dst float32[2, 3]@cpu (read-only) is read-only", () -> cpu.copy(x, x.asReadOnly()));
            assertMessage(IllegalArgumentException.class, "x must be FLOAT32", () -> cpu.activation(Activation.TANH, s.allocate(DType.INT32, 2, 3), x));
            assertMessage(IllegalArgumentException.class, "y shape [3, 2] does not match x shape [2, 3]",
                    () -> cpu.activation(Activation.TANH, x, s.zeros(3, 2)));
            assertMessage(IllegalArgumentException.class, "f is null", () -> cpu.activation(null, x, x));
            assertMessage(IllegalArgumentException.class, "dx is null", () -> cpu.activationBackward(Activation.RELU, x, x, null));
            assertMessage(IllegalArgumentException.class, "b shape [2] must equal a shape [2, 3] or be a suffix",
                    () -> cpu.binary(BinaryOp.MUL, x, s.zeros(2), x));
            assertMessage(IllegalArgumentException.class, "out dim 0 must be 3", () -> cpu.sumToLastDim(x, 0f, s.zeros(2)));
            assertMessage(IllegalArgumentException.class, "rate must be in [0, 1]", () -> cpu.dropoutMask(x, 1.5f, 1));
            assertMessage(IllegalArgumentException.class, "lo 1.0 must be <= hi 0.0", () -> cpu.clamp(x, 1f, 0f));
            assertMessage(IllegalArgumentException.class, "dtype of src", () -> cpu.copy(x, s.allocate(DType.INT32, 2, 3)));
            assertMessage(IllegalArgumentException.class, "descriptor is null", () -> cpu.rnn(null));
            assertMessage(IllegalArgumentException.class, "scope is null", () -> cpu.allocate(null, DType.FLOAT32, 2));
            assertMessage(IllegalArgumentException.class, "negative extent", () -> cpu.allocate(s, DType.FLOAT32, -1));
        }
    }

    @Test
    void copyAndAllocate() {
        try (TensorScope s = TensorScope.open()) {
            Tensor t = cpu.allocate(s, DType.FLOAT32, 2, 3);
            assertArrayEquals(new float[6], t.toFloatArray());
            Tensor src = s.fromArray(new float[] {0, 1, 2, 3, 4, 5}, 2, 3);
            cpu.copy(src.transpose(0, 1), s.zeros(3, 2));
            Tensor dst = s.zeros(3, 2);
            cpu.copy(src.transpose(0, 1), dst);
            assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, dst.toFloatArray());
            Tensor wide = s.zeros(3, 4);
            cpu.copy(dst, wide.slice(1, 1, 3));
            assertArrayEquals(new float[] {0, 0, 3, 0, 0, 1, 4, 0, 0, 2, 5, 0}, wide.toFloatArray());
            Tensor ids = s.fromIntArray(new int[] {7, 8, 9}, 3);
            Tensor idsCopy = cpu.allocate(s, DType.INT32, 3);
            cpu.copy(ids, idsCopy);
            assertArrayEquals(new int[] {7, 8, 9}, idsCopy.toIntArray());
            cpu.synchronize();
        }
    }
}

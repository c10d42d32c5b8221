package dev.rnn4j.backend.spi;

import static dev.rnn4j.backend.spi.RnnCallRulesTest.tensor;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rnn4j.tensor.DType;
import dev.rnn4j.tensor.Device;
import dev.rnn4j.tensor.Tensor;
import java.lang.foreign.Arena;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The per-tensor checks every backend shares, with their exact messages. */
class OperandsTest {

    private static void says(Class<? extends RuntimeException> type, String message, Executable check) {
        assertEquals(message, assertThrows(type, check).getMessage());
    }

    @Test
    void presentAliveOnTheDeviceAndOfTheDtype() {
        says(IllegalArgumentException.class, "fill: x is null", () -> Operands.onDevice("fill", "x", null, Device.CPU));
        Tensor closed;
        try (Arena arena = Arena.ofConfined()) {
            closed = RnnCallRulesTest.over(arena.scope(), Device.cuda(0), DType.FLOAT32, 2);
        }
        Tensor gone = closed;
        says(IllegalStateException.class, "fill: x float32[2]@cuda:0 is closed (its scope was closed)",
                () -> Operands.onDevice("fill", "x", gone, Device.cuda(0)));
        says(IllegalArgumentException.class, "gemm: b float32[2, 3]@cuda:1 is on cuda:1 but this backend runs on cuda:0 (copy it there first)",
                () -> Operands.of("gemm", "b", tensor(Device.cuda(1), 2, 3), Device.cuda(0), DType.FLOAT32));
        says(IllegalArgumentException.class, "gather: ids must be INT32 but is float32[4]@cpu",
                () -> Operands.of("gather", "ids", tensor(Device.CPU, 4), Device.CPU, DType.INT32));
        assertDoesNotThrow(() -> Operands.of("gather", "ids", tensor(Device.CPU, DType.INT32, 4), Device.CPU, DType.INT32));
    }

    @Test
    void shapesAndStrides() {
        Tensor t = tensor(Device.CPU, 2, 3);
        says(IllegalArgumentException.class, "op: t must have shape [3, 2] but is float32[2, 3]@cpu", () -> Operands.shape("op", "t", t, 3, 2));
        says(IllegalArgumentException.class, "op: b shape [3, 2] does not match a shape [2, 3]",
                () -> Operands.sameShape("op", "a", t, "b", t.transpose(0, 1)));
        says(IllegalArgumentException.class, "op: t float32[3, 2]@cpu must be contiguous, has strides [1, 3]",
                () -> Operands.contiguous("op", "t", t.transpose(0, 1)));
        says(IllegalArgumentException.class, "op: t float32[3, 2]@cpu must have stride 1 along its last axis, has strides [1, 3]",
                () -> Operands.unitLastStride("op", "t", t.transpose(0, 1)));
        assertDoesNotThrow(() -> Operands.unitLastStride("op", "t", t.slice(1, 0, 2)), "rows with a gap are fine");
        assertDoesNotThrow(() -> Operands.unitLastStride("op", "t", t.slice(1, 0, 1).transpose(0, 1).transpose(0, 1)), "width 1: any stride");
        says(IllegalArgumentException.class, "adamStep: lr must be finite, got NaN", () -> Operands.finite("adamStep", "lr", Float.NaN));
    }
}

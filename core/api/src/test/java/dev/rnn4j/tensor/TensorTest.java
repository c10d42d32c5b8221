package dev.rnn4j.tensor;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

class TensorTest {

    @Test
    void viewsShareMemoryWithoutCopying() {
        try (TensorScope scope = TensorScope.open()) {
            Tensor t = scope.fromArray(new float[] {0, 1, 2, 3, 4, 5}, 2, 3);
            Tensor tt = t.transpose(0, 1);
            assertArrayEquals(new long[] {3, 2}, tt.shape());
            assertEquals(4f, tt.get(1, 1));
            assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, tt.toFloatArray());
            Tensor row = t.select(0, 1);
            row.set(40f, 1);
            assertEquals(40f, t.get(1, 1));
            Tensor col = t.slice(1, 1, 3);
            assertArrayEquals(new float[] {1, 2, 40, 5}, col.toFloatArray());
            assertThrows(IllegalStateException.class, () -> tt.reshape(6));
            assertArrayEquals(new float[] {0, 1, 2, 3, 40, 5}, t.reshape(-1).toFloatArray());
        }
    }

    @Test
    void useAfterCloseThrowsInsteadOfCrashing() {
        Tensor t;
        try (TensorScope scope = TensorScope.open()) {
            t = scope.zeros(4);
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.get(0));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertThrows(IllegalStateException.class, t::toFloatArray);
    }

    @Test
    void wrapIsZeroCopyAndBoundsChecked() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(6 * 4);
            Tensor t = Tensor.wrap(seg, 2, 3);
            t.set(7f, 1, 2);
            assertEquals(7f, seg.getAtIndex(java.lang.foreign.ValueLayout.JAVA_FLOAT, 5));
            assertThrows(IndexOutOfBoundsException.class, () -> Tensor.wrap(seg, 2, 4));
            assertThrows(IndexOutOfBoundsException.class, () -> t.get(2, 0));
            assertThrows(IllegalArgumentException.class, () -> t.get(0));
        }
    }

    @Test
    void badShapesAreRejected() {
        try (TensorScope scope = TensorScope.open()) {
            assertThrows(IllegalArgumentException.class, () -> scope.zeros(2, -1));
            assertThrows(IllegalArgumentException.class, () -> scope.fromArray(new float[5], 2, 3));
            assertThrows(IllegalArgumentException.class, () -> scope.zeros(2, 3).reshape(4, 2));
        }
    }
}

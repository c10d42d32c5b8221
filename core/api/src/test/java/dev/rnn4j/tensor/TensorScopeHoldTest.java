package dev.rnn4j.tensor;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.foreign.Arena;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

/** A hold keeps a closed scope's memory until it is released (how a DLPack export outlives the close). */
class TensorScopeHoldTest {

    @Test
    void closeWithAHoldOutStopsTheScopeButKeepsTheMemory() {
        TensorScope scope = TensorScope.open();
        Tensor t = scope.fromArray(new float[] {1, 2}, 2);
        TensorScope.Hold hold = scope.hold();
        scope.close();
        assertFalse(scope.isAlive(), "the scope is closed for rnn4j");
        assertThrows(IllegalStateException.class, () -> scope.zeros(1));
        assertThrows(IllegalStateException.class, scope::hold);
        assertTrue(t.isAlive(), "the memory stays while it is held");
        assertEquals(2f, t.get(1));
        hold.close();
        assertFalse(t.isAlive());
        hold.close(); // once only: a second release changes nothing
        scope.close();
    }

    @Test
    void holdsReleasedBeforeCloseLeaveCloseToFreeTheMemory() {
        TensorScope scope = TensorScope.open();
        Tensor t = scope.zeros(1);
        TensorScope.Hold a = scope.hold(), b = scope.hold();
        a.close();
        a.close();
        assertTrue(t.isAlive());
        scope.close();
        assertTrue(t.isAlive(), "b still holds it");
        b.close();
        assertFalse(t.isAlive());
    }

    @Test
    void ownsTellsAllocatedFromWrappedMemory() {
        try (TensorScope scope = TensorScope.open(); Arena other = Arena.ofConfined()) {
            assertTrue(scope.owns(scope.zeros(2).slice(0, 1, 2)));
            assertFalse(scope.owns(Tensor.wrap(other.allocate(ValueLayout.JAVA_FLOAT, 2), 2)));
            assertFalse(scope.owns(null));
        }
    }
}

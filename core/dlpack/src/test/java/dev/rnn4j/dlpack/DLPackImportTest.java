package dev.rnn4j.dlpack;

import static org.junit.jupiter.api.Assertions.*;

import dev.rnn4j.bindings.dlpack.dlpack_h;
import dev.rnn4j.tensor.DType;
import dev.rnn4j.tensor.Device;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;
import java.lang.foreign.ValueLayout;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Borrowing a producer's tensor built in Java: no copy, the deleter once, every bad field rejected by name. */
class DLPackImportTest {

    private static final float[] SIX = {0, 1, 2, 3, 4, 5};

    @Test
    void aHostTensorIsBorrowedInPlaceAndItsDeleterRunsOnceAtScopeClose() {
        try (ProducerTensor producer = new ProducerTensor(SIX, 2, 3)) {
            TensorScope scope = TensorScope.open();
            Tensor t = DLPack.fromDLPack(scope, producer.managed);
            assertEquals(producer.data.address(), t.address(), "the tensor is the producer's memory");
            assertArrayEquals(new long[] {2, 3}, t.shape());
            assertArrayEquals(new long[] {3, 1}, t.strides(), "NULL strides mean row-major");
            assertEquals(DType.FLOAT32, t.dtype());
            assertEquals(Device.CPU, t.device());
            assertArrayEquals(SIX, t.toFloatArray());
            t.set(40f, 1, 1);
            assertEquals(40f, producer.data.getAtIndex(ValueLayout.JAVA_FLOAT, 4), "writes go to the producer's memory");
            assertEquals(0, producer.deleterCalls.get(), "borrowed until the scope closes");
            scope.close();
            scope.close();
            assertEquals(1, producer.deleterCalls.get(), "the deleter ran exactly once");
            assertFalse(t.isAlive());
        }
    }

    @Test
    void stridesAndByteOffsetAreHonoured() {
        try (ProducerTensor producer = new ProducerTensor(SIX, 3, 2); TensorScope scope = TensorScope.open()) {
            producer.strides(1, 3); // the transpose of the row-major [2, 3] matrix 0..5
            Tensor t = DLPack.fromDLPack(scope, producer.managed);
            assertArrayEquals(new long[] {1, 3}, t.strides());
            assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, t.toFloatArray());
        }
        try (ProducerTensor producer = new ProducerTensor(SIX, 2, 2); TensorScope scope = TensorScope.open()) {
            producer.strides(3, 1).data(producer.data.address(), 4); // columns 1..2 of the [2, 3] matrix
            Tensor t = DLPack.fromDLPack(scope, producer.managed);
            assertEquals(producer.data.address() + 4, t.address());
            assertArrayEquals(new float[] {1, 2, 4, 5}, t.toFloatArray());
            assertEquals(20, t.segment().byteSize(), "the view spans exactly the bytes it can address");
        }
    }

    @Test
    void aReadOnlyTensorComesBackReadOnly() {
        try (ProducerTensor producer = new ProducerTensor(SIX, 6); TensorScope scope = TensorScope.open()) {
            producer.flags(dlpack_h.DLPACK_FLAG_BITMASK_READ_ONLY());
            Tensor t = DLPack.fromDLPack(scope, producer.managed);
            assertTrue(t.isReadOnly());
            assertEquals(5f, t.get(5));
            assertThrows(IllegalStateException.class, () -> t.set(1f, 0));
            assertTrue(t.segment().isReadOnly(), "no host write path gets through");
        }
    }

    @Test
    void aNewerMinorVersionIsReadAndANewerMajorIsRejectedNamingBoth() {
        try (ProducerTensor producer = new ProducerTensor(SIX, 6); TensorScope scope = TensorScope.open()) {
            producer.version(1, 9);
            assertEquals(6, DLPack.fromDLPack(scope, producer.managed).elementCount());
        }
        rejected(p -> p.version(2, 0), "DLPack 2.0", "rnn4j reads DLPack 1.x (built against 1.1)", "released unread");
        rejected(p -> p.version(0, 8), "DLPack 0.8");
    }

    @Test
    void unsupportedDTypesAreRejected() {
        rejected(p -> p.dtype(dlpack_h.kDLFloat(), 64, 1), "dtype (code 2, 64 bits, 1 lanes) is not supported", "float32");
        rejected(p -> p.dtype(dlpack_h.kDLFloat(), 32, 4), "4 lanes");
        rejected(p -> p.dtype(1 /* kDLUInt */, 32, 1), "code 1");
    }

    @Test
    void badShapesStridesAndPointersAreRejected() {
        rejected(p -> p.ndim(-1), "ndim -1 is outside [0, 64]");
        rejected(p -> p.ndim(65), "ndim 65 is outside [0, 64]");
        rejected(p -> p.strides(-3, 1), "stride -3 at dim 0 is negative");
        rejected(p -> p.data(0, 0), "data is NULL");
        rejected(p -> p.data(p.data.address(), -8), "byte_offset", "beyond 2^63");
        rejected(p -> p.data(-16, 8), "wraps around");
        rejected(p -> p.strides(Long.MAX_VALUE / 2, 1), "fromDLPack:", "64-bit");
        rejected(p -> p.device(4 /* kDLOpenCL */, 0), "device type 4 is not supported");
        rejected(p -> p.device(dlpack_h.kDLCUDA(), -1), "device id -1 is negative");
    }

    @Test
    void anEmptyTensorMayHaveNullDataAndAScalarNoShape() {
        try (ProducerTensor producer = new ProducerTensor(SIX, 0, 3); TensorScope scope = TensorScope.open()) {
            producer.data(0, 0);
            assertEquals(0, DLPack.fromDLPack(scope, producer.managed).elementCount());
        }
        try (ProducerTensor producer = new ProducerTensor(new float[] {7}); TensorScope scope = TensorScope.open()) {
            Tensor scalar = DLPack.fromDLPack(scope, producer.managed);
            assertEquals(0, scalar.rank());
            assertEquals(7f, scalar.get());
        }
    }

    @Test
    void aMissingDeleterIsNeverCalled() {
        try (ProducerTensor producer = new ProducerTensor(SIX, 6).noDeleter()) {
            TensorScope scope = TensorScope.open();
            DLPack.fromDLPack(scope, producer.managed);
            scope.close();
            assertEquals(0, producer.deleterCalls.get());
        }
    }

    @Test
    void cudaMemoryBecomesADeviceTensorTheHostCannotRead() {
        // fake device memory: the address is only carried, never dereferenced
        long devicePointer = 0x7f00_0000_0000L;
        try (ProducerTensor producer = new ProducerTensor(SIX, 2, 3)) {
            producer.device(dlpack_h.kDLCUDA(), 1).data(devicePointer, 256);
            TensorScope scope = TensorScope.open();
            Tensor t = DLPack.fromDLPack(scope, producer.managed);
            assertEquals(Device.cuda(1), t.device());
            assertEquals(devicePointer + 256, t.address());
            assertEquals(24, t.deviceMemory().byteSize());
            IllegalStateException e = assertThrows(IllegalStateException.class, t::toFloatArray);
            assertTrue(e.getMessage().contains("float32[2, 3]@cuda:1 lives in device memory on cuda:1"), e.getMessage());
            scope.close();
            assertEquals(1, producer.deleterCalls.get());
        }
    }

    @Test
    void pinnedHostMemoryIsHostMemory() {
        try (ProducerTensor producer = new ProducerTensor(SIX, 6); TensorScope scope = TensorScope.open()) {
            producer.device(dlpack_h.kDLCUDAHost(), 0);
            assertEquals(Device.CPU, DLPack.fromDLPack(scope, producer.managed).device());
        }
    }

    @Test
    void aClosedScopeOrNullArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> DLPack.fromDLPack(TensorScope.open(), null));
        try (ProducerTensor producer = new ProducerTensor(SIX, 6)) {
            TensorScope closed = TensorScope.open();
            closed.close();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> DLPack.fromDLPack(closed, producer.managed));
            assertTrue(e.getMessage().contains("scope is closed"));
            assertEquals(1, producer.deleterCalls.get(), "rejected, so released at once");
        }
    }

    /** Each rejection names the problem and releases the producer's tensor exactly once, right away. */
    private static void rejected(Consumer<ProducerTensor> corrupt, String... fragments) {
        try (ProducerTensor producer = new ProducerTensor(SIX, 2, 3); TensorScope scope = TensorScope.open()) {
            corrupt.accept(producer);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DLPack.fromDLPack(scope, producer.managed));
            for (String f : fragments) assertTrue(e.getMessage().contains(f), "message '" + e.getMessage() + "' should contain '" + f + "'");
            assertTrue(e.getMessage().startsWith("fromDLPack: "), e.getMessage());
            assertEquals(1, producer.deleterCalls.get(), "the deleter ran once on rejection");
            scope.close();
            assertEquals(1, producer.deleterCalls.get(), "and not again when the scope closes");
        }
    }
}

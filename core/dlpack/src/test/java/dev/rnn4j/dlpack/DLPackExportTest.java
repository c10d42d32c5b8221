package dev.rnn4j.dlpack;

import static org.junit.jupiter.api.Assertions.*;

import dev.rnn4j.bindings.dlpack.DLDataType;
import dev.rnn4j.bindings.dlpack.DLDevice;
import dev.rnn4j.bindings.dlpack.DLManagedTensorVersioned;
import dev.rnn4j.bindings.dlpack.DLPackVersion;
import dev.rnn4j.bindings.dlpack.DLTensor;
import dev.rnn4j.bindings.dlpack.dlpack_h;
import dev.rnn4j.tensor.DType;
import dev.rnn4j.tensor.Device;
import dev.rnn4j.tensor.DeviceMemory;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

/** Lending rnn4j tensors: the struct a consumer reads, export → import → the same memory, and the deleter's lifetime. */
class DLPackExportTest {

    private static MemorySegment dl(MemorySegment managed) {
        return DLManagedTensorVersioned.dl_tensor(managed.reinterpret(DLManagedTensorVersioned.sizeof()));
    }

    private static long[] longs(MemorySegment pointer, int n) {
        return pointer.reinterpret(8L * n).toArray(ValueLayout.JAVA_LONG);
    }

    /** What a consumer does when it is done: call the deleter it was given. */
    private static void consumerDeletes(MemorySegment managed) {
        MemorySegment m = managed.reinterpret(DLManagedTensorVersioned.sizeof());
        DLManagedTensorVersioned.deleter.invoke(DLManagedTensorVersioned.deleter(m), m);
    }

    @Test
    void exportThenImportIsTheSameMemoryWithoutACopy() {
        int liveBefore = DLPackExport.live();
        TensorScope producer = TensorScope.open();
        Tensor t = producer.fromArray(new float[] {0, 1, 2, 3, 4, 5}, 2, 3);
        MemorySegment managed = DLPack.toDLPack(producer, t);
        assertEquals(liveBefore + 1, DLPackExport.live());
        TensorScope consumer = TensorScope.open();
        Tensor back = DLPack.fromDLPack(consumer, managed);
        assertEquals(t.address(), back.address(), "same memory");
        assertArrayEquals(t.shape(), back.shape());
        assertArrayEquals(t.strides(), back.strides());
        back.set(50f, 1, 2);
        assertEquals(50f, t.get(1, 2), "no copy: a write through one is seen through the other");
        producer.close();
        assertTrue(t.isAlive(), "the export holds the producer's memory past its close");
        assertEquals(50f, back.get(1, 2));
        consumer.close(); // runs the deleter rnn4j exported, which releases the hold
        assertEquals(liveBefore, DLPackExport.live());
        assertFalse(t.isAlive(), "released by the consumer's deleter, so freed");
    }

    @Test
    void theStructDescribesTheView() {
        try (TensorScope scope = TensorScope.open()) {
            Tensor whole = scope.fromArray(new float[] {0, 1, 2, 3, 4, 5}, 2, 3);
            Tensor view = whole.slice(1, 1, 3); // [[1, 2], [4, 5]]
            MemorySegment managed = DLPack.toDLPack(scope, view);
            MemorySegment m = managed.reinterpret(DLManagedTensorVersioned.sizeof());
            MemorySegment version = DLManagedTensorVersioned.version(m);
            assertEquals(dlpack_h.DLPACK_MAJOR_VERSION(), DLPackVersion.major(version));
            assertEquals(dlpack_h.DLPACK_MINOR_VERSION(), DLPackVersion.minor(version));
            assertEquals(0, DLManagedTensorVersioned.flags(m));
            MemorySegment dl = dl(managed);
            assertEquals(whole.address(), DLTensor.data(dl).address(), "data is the start of the memory");
            assertEquals(4, DLTensor.byte_offset(dl), "byte_offset reaches the view's first element");
            assertEquals(dlpack_h.kDLCPU(), DLDevice.device_type(DLTensor.device(dl)));
            assertEquals(2, DLTensor.ndim(dl));
            assertEquals(dlpack_h.kDLFloat(), DLDataType.code(DLTensor.dtype(dl)));
            assertEquals(32, DLDataType.bits(DLTensor.dtype(dl)));
            assertEquals(1, DLDataType.lanes(DLTensor.dtype(dl)));
            assertArrayEquals(new long[] {2, 2}, longs(DLTensor.shape(dl), 2));
            assertArrayEquals(new long[] {3, 1}, longs(DLTensor.strides(dl), 2), "strides in elements");
            consumerDeletes(managed);
        }
    }

    @Test
    void theDeleterReleasesOnceAndAfterTheScopeClosedFreesTheMemory() {
        int liveBefore = DLPackExport.live();
        TensorScope scope = TensorScope.open();
        Tensor t = scope.allocate(DType.INT32, 3);
        MemorySegment managed = DLPack.toDLPack(scope, t);
        MemorySegment deleter = DLManagedTensorVersioned.deleter(managed.reinterpret(DLManagedTensorVersioned.sizeof()));
        TensorScope other = TensorScope.open();
        Tensor bystander = other.zeros(1);
        MemorySegment otherExport = DLPack.toDLPack(other, bystander);
        scope.close();
        assertTrue(t.isAlive());
        DLManagedTensorVersioned.deleter.invoke(deleter, managed);
        assertFalse(t.isAlive());
        assertEquals(liveBefore + 1, DLPackExport.live());
        // a consumer that calls it twice finds nothing left to release: the other export is untouched
        DLManagedTensorVersioned.deleter.invoke(deleter, MemorySegment.ofAddress(managed.address()));
        assertEquals(liveBefore + 1, DLPackExport.live());
        other.close();
        assertTrue(bystander.isAlive());
        consumerDeletes(otherExport);
        assertFalse(bystander.isAlive());
        assertEquals(liveBefore, DLPackExport.live());
    }

    @Test
    void readOnlyTensorsAreExportedReadOnly() {
        try (TensorScope scope = TensorScope.open(); TensorScope consumer = TensorScope.open()) {
            Tensor t = scope.zeros(4).asReadOnly();
            MemorySegment managed = DLPack.toDLPack(scope, t);
            assertEquals(dlpack_h.DLPACK_FLAG_BITMASK_READ_ONLY(),
                    DLManagedTensorVersioned.flags(managed.reinterpret(DLManagedTensorVersioned.sizeof())));
            assertTrue(DLPack.fromDLPack(consumer, managed).isReadOnly());
        }
    }

    @Test
    void deviceTensorsAreExportedAsCudaMemory() {
        // fake device memory (never dereferenced) whose lifetime is the scope's
        long devicePointer = 0x7f00_0000_0000L;
        try (TensorScope scope = TensorScope.open(); TensorScope consumer = TensorScope.open()) {
            Tensor gpu = Tensor.contiguous(DeviceMemory.borrowed(scope, Device.cuda(2), devicePointer, 64), DType.BFLOAT16, 4, 8).select(0, 1);
            MemorySegment managed = DLPack.toDLPack(scope, gpu);
            MemorySegment dl = dl(managed);
            assertEquals(dlpack_h.kDLCUDA(), DLDevice.device_type(DLTensor.device(dl)));
            assertEquals(2, DLDevice.device_id(DLTensor.device(dl)));
            assertEquals(devicePointer, DLTensor.data(dl).address());
            assertEquals(16, DLTensor.byte_offset(dl));
            assertEquals(dlpack_h.kDLBfloat(), DLDataType.code(DLTensor.dtype(dl)));
            assertEquals(16, DLDataType.bits(DLTensor.dtype(dl)));
            Tensor back = DLPack.fromDLPack(consumer, managed);
            assertEquals(Device.cuda(2), back.device());
            assertEquals(gpu.address(), back.address());
            assertEquals(DType.BFLOAT16, back.dtype());
        }
    }

    @Test
    void onlyTheScopeThatOwnsTheMemoryCanLendIt() {
        try (TensorScope scope = TensorScope.open(); Arena framework = Arena.ofConfined()) {
            Tensor wrapped = Tensor.wrap(framework.allocate(ValueLayout.JAVA_FLOAT, 2), 2);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DLPack.toDLPack(scope, wrapped));
            assertTrue(e.getMessage().contains("float32[2]@cpu does not belong to this scope"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> DLPack.toDLPack(scope, null));
            assertThrows(IllegalArgumentException.class, () -> DLPack.toDLPack(null, scope.zeros(1)));
        }
        TensorScope closed = TensorScope.open();
        Tensor t = closed.zeros(1);
        closed.close();
        assertThrows(IllegalStateException.class, () -> DLPack.toDLPack(closed, t));
    }
}

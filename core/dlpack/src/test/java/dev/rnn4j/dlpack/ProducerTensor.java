package dev.rnn4j.dlpack;

import dev.rnn4j.bindings.dlpack.DLDataType;
import dev.rnn4j.bindings.dlpack.DLDevice;
import dev.rnn4j.bindings.dlpack.DLManagedTensorVersioned;
import dev.rnn4j.bindings.dlpack.DLPackVersion;
import dev.rnn4j.bindings.dlpack.DLTensor;
import dev.rnn4j.bindings.dlpack.dlpack_h;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Another framework's DLPack 1.1 tensor, built in Java through the jextract layouts: a float32 host tensor of
 * the given values, row-major, whose deleter counts its calls. Tests change fields before handing it over.
 */
final class ProducerTensor implements AutoCloseable {

    final Arena arena = Arena.ofShared();
    final MemorySegment managed;
    final MemorySegment dlTensor;
    final MemorySegment data;
    final AtomicInteger deleterCalls = new AtomicInteger();

    ProducerTensor(float[] values, long... shape) {
        data = arena.allocateFrom(ValueLayout.JAVA_FLOAT, values);
        managed = DLManagedTensorVersioned.allocate(arena);
        version(dlpack_h.DLPACK_MAJOR_VERSION(), dlpack_h.DLPACK_MINOR_VERSION());
        DLManagedTensorVersioned.deleter(managed, DLManagedTensorVersioned.deleter.allocate(self -> deleterCalls.incrementAndGet(), arena));
        dlTensor = DLManagedTensorVersioned.dl_tensor(managed);
        DLTensor.data(dlTensor, data);
        device(dlpack_h.kDLCPU(), 0);
        dtype(dlpack_h.kDLFloat(), 32, 1);
        DLTensor.ndim(dlTensor, shape.length);
        DLTensor.shape(dlTensor, arena.allocateFrom(ValueLayout.JAVA_LONG, shape));
        DLTensor.strides(dlTensor, MemorySegment.NULL);
    }

    ProducerTensor version(int major, int minor) {
        MemorySegment v = DLManagedTensorVersioned.version(managed);
        DLPackVersion.major(v, major);
        DLPackVersion.minor(v, minor);
        return this;
    }

    ProducerTensor device(int type, int id) {
        MemorySegment d = DLTensor.device(dlTensor);
        DLDevice.device_type(d, type);
        DLDevice.device_id(d, id);
        return this;
    }

    ProducerTensor dtype(int code, int bits, int lanes) {
        MemorySegment t = DLTensor.dtype(dlTensor);
        DLDataType.code(t, (byte) code);
        DLDataType.bits(t, (byte) bits);
        DLDataType.lanes(t, (short) lanes);
        return this;
    }

    ProducerTensor strides(long... strides) {
        DLTensor.strides(dlTensor, arena.allocateFrom(ValueLayout.JAVA_LONG, strides));
        return this;
    }

    ProducerTensor ndim(int ndim) {
        DLTensor.ndim(dlTensor, ndim);
        return this;
    }

    ProducerTensor flags(long flags) {
        DLManagedTensorVersioned.flags(managed, flags);
        return this;
    }

    ProducerTensor data(long address, long byteOffset) {
        DLTensor.data(dlTensor, MemorySegment.ofAddress(address));
        DLTensor.byte_offset(dlTensor, byteOffset);
        return this;
    }

    ProducerTensor noDeleter() {
        DLManagedTensorVersioned.deleter(managed, MemorySegment.NULL);
        return this;
    }

    @Override
    public void close() {
        arena.close();
    }
}

package dev.rnn4j.cuda;

import static dev.rnn4j.bindings.cudnn.cudnn_h.*;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** A cuDNN handle bound to the backend's stream. */
final class CudnnHandle implements AutoCloseable {

    final MemorySegment handle;

    CudnnHandle(MemorySegment stream) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment p = a.allocate(ValueLayout.ADDRESS);
            Status.cudnn(cudnnCreate(p), "cudnnCreate");
            handle = p.get(ValueLayout.ADDRESS, 0);
        }
        try {
            Status.cudnn(cudnnSetStream(handle, stream), "cudnnSetStream");
        } catch (RuntimeException e) {
            cudnnDestroy(handle);
            throw e;
        }
    }

    @Override
    public void close() {
        Status.cudnn(cudnnDestroy(handle), "cudnnDestroy");
    }
}

package dev.rnn4j.cuda;

import static dev.rnn4j.bindings.cublas.cublas_h.*;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** A cuBLAS handle bound to the backend's stream. */
final class CublasHandle implements AutoCloseable {

    final MemorySegment handle;

    CublasHandle(MemorySegment stream) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment p = a.allocate(ValueLayout.ADDRESS);
            Status.cublas(cublasCreate_v2(p), "cublasCreate_v2");
            handle = p.get(ValueLayout.ADDRESS, 0);
        }
        try {
            Status.cublas(cublasSetStream_v2(handle, stream), "cublasSetStream_v2");
            Status.cublas(cublasSetMathMode(handle, CUBLAS_DEFAULT_MATH()), "cublasSetMathMode");
        } catch (RuntimeException e) {
            cublasDestroy_v2(handle);
            throw e;
        }
    }

    int version() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment v = a.allocate(ValueLayout.JAVA_INT);
            Status.cublas(cublasGetVersion_v2(handle, v), "cublasGetVersion_v2");
            return v.get(ValueLayout.JAVA_INT, 0);
        }
    }

    @Override
    public void close() {
        Status.cublas(cublasDestroy_v2(handle), "cublasDestroy_v2");
    }
}

package dev.rnn4j.cuda;

import static dev.rnn4j.bindings.cublas.cublas_h.*;

import dev.rnn4j.bindings.cublas.cublas_h;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** A cuBLAS handle bound to the backend's stream, default math (each GEMM names its compute type). */
final class CublasHandle extends NativeHandle {

    private static final Kind KIND = new Kind("cublasCreate_v2", cublas_h::cublasCreate_v2, "cublasDestroy_v2", cublas_h::cublasDestroy_v2,
            Status::cublas);

    CublasHandle(MemorySegment stream) {
        super(KIND, h -> {
            Status.cublas(cublasSetStream_v2(h, stream), "cublasSetStream_v2");
            Status.cublas(cublasSetMathMode(h, CUBLAS_DEFAULT_MATH()), "cublasSetMathMode");
        });
    }

    int version() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment v = a.allocate(ValueLayout.JAVA_INT);
            Status.cublas(cublasGetVersion_v2(handle(), v), "cublasGetVersion_v2");
            return v.get(ValueLayout.JAVA_INT, 0);
        }
    }
}

package dev.rnn4j.cuda;

import dev.rnn4j.bindings.cublas.cublas_h;
import dev.rnn4j.bindings.cuda.cuda_h;
import dev.rnn4j.bindings.cudnn.cudnn_h;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Turns a non-zero status of a CUDA driver, cuBLAS or cuDNN call into a {@link CudaException}. */
final class Status {

    static final String DRIVER = "CUDA driver";
    static final String CUBLAS = "cuBLAS";
    static final String CUDNN = "cuDNN";

    private Status() {
    }

    static void cu(int status, String function) {
        if (status == 0) return;
        String name;
        String text;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment p = arena.allocate(ValueLayout.ADDRESS);
            name = cuda_h.cuGetErrorName(status, p) == 0 ? cString(p.get(ValueLayout.ADDRESS, 0)) : null;
            text = cuda_h.cuGetErrorString(status, p) == 0 ? cString(p.get(ValueLayout.ADDRESS, 0)) : null;
        }
        throw StatusMessages.exception(DRIVER, function, status, name, text, StatusMessages.driverHint(status));
    }

    static void cublas(int status, String function) {
        if (status == 0) return;
        throw StatusMessages.exception(CUBLAS, function, status, cString(cublas_h.cublasGetStatusName(status)),
                cString(cublas_h.cublasGetStatusString(status)), null);
    }

    static void cudnn(int status, String function) {
        if (status == 0) return;
        String last;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(1024);
            cudnn_h.cudnnGetLastErrorString(buf, 1024);
            last = buf.getString(0);
        }
        throw StatusMessages.exception(CUDNN, function, status, cString(cudnn_h.cudnnGetErrorString(status)),
                last.isBlank() ? null : last, null);
    }

    static String cString(MemorySegment p) {
        if (p == null || p.equals(MemorySegment.NULL)) return null;
        return p.reinterpret(4096).getString(0);
    }
}

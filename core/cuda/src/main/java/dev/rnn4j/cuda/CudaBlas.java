package dev.rnn4j.cuda;

import static dev.rnn4j.bindings.cublas.cublas_h.*;

import dev.rnn4j.backend.Blas;
import dev.rnn4j.backend.spi.Operands;
import dev.rnn4j.tensor.DType;
import dev.rnn4j.tensor.Tensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * GEMM on cuBLAS (cublasGemmEx / cublasGemmStridedBatchedEx): float32 operands, or bfloat16 A and B with a
 * float32 C; the compute type follows the backend's {@link GemmPrecision}.
 */
final class CudaBlas implements Blas {

    private final CudaContext cuda;

    CudaBlas(CudaContext cuda) {
        this.cuda = cuda;
    }

    static int computeType(GemmPrecision p) {
        return switch (p) {
            case FP32 -> CUBLAS_COMPUTE_32F();
            case TF32 -> CUBLAS_COMPUTE_32F_FAST_TF32();
            case BF16 -> CUBLAS_COMPUTE_32F_FAST_16BF();
        };
    }

    @Override
    public void gemm(boolean transA, boolean transB, float alpha, Tensor a, Tensor b, float beta, Tensor c) {
        String op = "gemm";
        DType in = a == null ? null : a.dtype();
        if (in != DType.FLOAT32 && in != DType.BFLOAT16) throw new IllegalArgumentException("gemm: a must be FLOAT32 or BFLOAT16, is " + (a == null ? null : a.describe()));
        checkDevice(op, "a", a, in);
        checkDevice(op, "b", b, in);
        checkDevice(op, "c", c, DType.FLOAT32);
        DeviceOperands.finite(op, "alpha", alpha);
        DeviceOperands.finite(op, "beta", beta);
        GemmGeometry g = GemmGeometry.of(transA, transB, a, b, c);
        cuda.enter(op);
        if ((long) g.m() * g.n() == 0) return;
        int inType = in == DType.FLOAT32 ? CUDA_R_32F() : CUDA_R_16BF();
        int compute = computeType(cuda.options.gemmPrecision());
        MemorySegment handle = cuda.cublas().handle();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment al = arena.allocateFrom(ValueLayout.JAVA_FLOAT, alpha);
            MemorySegment be = arena.allocateFrom(ValueLayout.JAVA_FLOAT, beta);
            // cuBLAS' first operand is our B, its second our A (see GemmGeometry)
            MemorySegment first = MemorySegment.ofAddress(b.address()), second = MemorySegment.ofAddress(a.address()), out = MemorySegment.ofAddress(c.address());
            int opFirst = g.transFirst() ? CUBLAS_OP_T() : CUBLAS_OP_N(), opSecond = g.transSecond() ? CUBLAS_OP_T() : CUBLAS_OP_N();
            if (g.batch() == 1) {
                Status.cublas(cublasGemmEx(handle, opFirst, opSecond, g.m(), g.n(), g.k(), al, first, inType, g.ldFirst(), second, inType, g.ldSecond(),
                        be, out, CUDA_R_32F(), g.ldc(), compute, CUBLAS_GEMM_DEFAULT()), "cublasGemmEx");
            } else {
                Status.cublas(cublasGemmStridedBatchedEx(handle, opFirst, opSecond, g.m(), g.n(), g.k(), al, first, inType, g.ldFirst(), g.strideFirst(),
                        second, inType, g.ldSecond(), g.strideSecond(), be, out, CUDA_R_32F(), g.ldc(), g.strideC(), g.batch(), compute,
                        CUBLAS_GEMM_DEFAULT()), "cublasGemmStridedBatchedEx");
            }
        }
    }

    private void checkDevice(String op, String name, Tensor t, DType dtype) {
        Operands.of(op, name, t, cuda.device, dtype);
    }
}

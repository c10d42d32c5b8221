package dev.rnn4j.cuda;

import dev.rnn4j.backend.BackendOptions;

/**
 * How a {@link CudaBackend} is created.
 *
 * @param externalStream a CUstream/cudaStream_t owned by a host framework (its address), or 0 for a stream
 *                       of the backend's own; the backend queues all its work on it and never destroys it
 * @param gemmPrecision  cuBLAS compute mode for float32 GEMMs
 * @param tf32Rnn        let cuDNN use TF32 tensor cores in the RNN (off: CUDNN_FMA_MATH, exact FP32)
 */
public record CudaOptions(long externalStream, GemmPrecision gemmPrecision, boolean tf32Rnn) implements BackendOptions {

    public CudaOptions {
        if (gemmPrecision == null) throw new IllegalArgumentException("gemmPrecision is null");
    }

    /** Own stream, FP32 everywhere. */
    public static CudaOptions defaults() {
        return new CudaOptions(0L, GemmPrecision.FP32, false);
    }

    public CudaOptions withStream(long stream) {
        return new CudaOptions(stream, gemmPrecision, tf32Rnn);
    }

    public CudaOptions withGemmPrecision(GemmPrecision precision) {
        return new CudaOptions(externalStream, precision, tf32Rnn);
    }
}

package dev.rnn4j.cuda;

/** How cuBLAS may compute float32 products. */
public enum GemmPrecision {
    /** Full FP32 (CUBLAS_COMPUTE_32F, default math): the numbers the CPU backend gives. */
    FP32,
    /** TF32 tensor cores (CUBLAS_COMPUTE_32F_FAST_TF32): 10-bit mantissa inputs, FP32 accumulate. */
    TF32,
    /** BF16 tensor cores (CUBLAS_COMPUTE_32F_FAST_16BF): 7-bit mantissa inputs, FP32 accumulate. */
    BF16
}

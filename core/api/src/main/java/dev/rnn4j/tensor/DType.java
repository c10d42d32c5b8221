package dev.rnn4j.tensor;

/** Element types. Kernels are float32 today; the half types are here so tensors can carry them. */
public enum DType {
    FLOAT32(4),
    BFLOAT16(2),
    FLOAT16(2),
    INT32(4);

    private final int byteSize;

    DType(int byteSize) {
        this.byteSize = byteSize;
    }

    public int byteSize() {
        return byteSize;
    }
}

package dev.rnn4j.tensor;

import java.util.Arrays;

/** Shape arithmetic shared by tensors and kernels. */
public final class Shapes {

    private Shapes() {
    }

    /** Number of elements of {@code shape}; rejects null, negative extents and overflow (IllegalArgumentException). */
    public static long elementCount(long... shape) {
        if (shape == null) throw new IllegalArgumentException("shape is null");
        long n = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0) {
                throw new IllegalArgumentException("negative extent " + shape[i] + " at dim " + i + " of shape " + toString(shape));
            }
            n = multiplyOrReject(n, shape[i], shape);
        }
        return n;
    }

    /** Bytes of a dense tensor of {@code shape} with {@code elementBytes} per element; rejects overflow. */
    public static long byteCount(long[] shape, long elementBytes) {
        return multiplyOrReject(elementCount(shape), elementBytes, shape);
    }

    private static long multiplyOrReject(long a, long b, long[] shape) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("shape " + toString(shape) + " is too large: its size overflows a 64-bit count");
        }
    }

    /** Row-major strides (in elements) of a contiguous tensor of {@code shape}. */
    public static long[] rowMajorStrides(long... shape) {
        long[] strides = new long[shape.length];
        long s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = s;
            s *= Math.max(1, shape[i]);
        }
        return strides;
    }

    public static String toString(long... shape) {
        return shape == null ? "null" : Arrays.toString(shape);
    }
}

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

    /**
     * Bytes from the start of a storage to the end of the last element that a strided view can address:
     * {@code (offset + Σ (shape[i] − 1)·strides[i] + 1) · elementBytes}, or {@code offset · elementBytes} when the
     * view has no elements. Rejects (IllegalArgumentException) strides that do not match the shape, a negative
     * offset or stride, and a result that overflows a 64-bit count.
     *
     * @param offset  first element, in elements
     * @param strides in elements
     */
    public static long spanBytes(long[] shape, long[] strides, long offset, long elementBytes) {
        long count = elementCount(shape);
        if (strides == null || strides.length != shape.length) {
            throw new IllegalArgumentException("strides " + Arrays.toString(strides) + " do not match shape " + toString(shape));
        }
        if (offset < 0) throw new IllegalArgumentException("negative offset " + offset);
        long last = offset;
        for (int i = 0; i < shape.length; i++) {
            if (strides[i] < 0) throw new IllegalArgumentException("negative stride " + strides[i] + " at dim " + i + " of shape " + toString(shape));
            if (shape[i] > 0) last = addOrReject(last, multiplyOrReject(shape[i] - 1, strides[i], shape), shape);
        }
        return count == 0 ? multiplyOrReject(offset, elementBytes, shape) : multiplyOrReject(addOrReject(last, 1, shape), elementBytes, shape);
    }

    private static long addOrReject(long a, long b, long[] shape) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("a view of shape " + toString(shape) + " reaches past a 64-bit byte count");
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

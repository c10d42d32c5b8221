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

    /**
     * The shape [N, T] of rows of equal length; rejects (IllegalArgumentException) null, no rows, a null row and
     * rows of different lengths (pad them first), naming the row.
     */
    public static long[] ofRows(int[][] rows) {
        return rows(rows == null ? -1 : rows.length, i -> rows[i] == null ? -1 : rows[i].length);
    }

    /** The shape [N, F] of float rows of equal length, checked as {@link #ofRows(int[][])} checks ids. */
    public static long[] ofRows(float[][] rows) {
        return rows(rows == null ? -1 : rows.length, i -> rows[i] == null ? -1 : rows[i].length);
    }

    /** [n, length of row 0] after checking every row's length (-1: null) against row 0's. */
    private static long[] rows(int n, java.util.function.IntUnaryOperator length) {
        if (n < 1) throw new IllegalArgumentException("no rows: " + (n < 0 ? "null" : "an empty array"));
        for (int i = 0; i < n; i++) requireRow(length.applyAsInt(i), length.applyAsInt(0), "row " + i);
        return new long[] {n, length.applyAsInt(0)};
    }

    /** The shape [N, T, F] of sequences of one length T and one width F (every [T][F] block alike), naming the first that differs. */
    public static long[] ofSequences(float[][][] data) {
        if (data == null || data.length == 0) throw new IllegalArgumentException("no sequences: " + (data == null ? "null" : "an empty array"));
        if (data[0] == null) throw new IllegalArgumentException("sequence 0 is null");
        long[] first = ofRows(data[0]);
        for (int i = 0; i < data.length; i++) {
            requireRow(data[i] == null ? -1 : data[i].length, (int) first[0], "sequence " + i);
            for (int s = 0; s < data[i].length; s++) {
                requireRow(data[i][s] == null ? -1 : data[i][s].length, (int) first[1], "step " + s + " of sequence " + i);
            }
        }
        return new long[] {data.length, first[0], first[1]};
    }

    private static void requireRow(int length, int expected, String what) {
        if (length < 0) throw new IllegalArgumentException(what + " is null");
        if (length != expected) throw new IllegalArgumentException(what + " has length " + length + " where the first has " + expected + " (pad the rows to one length)");
    }

    public static String toString(long... shape) {
        return shape == null ? "null" : Arrays.toString(shape);
    }
}

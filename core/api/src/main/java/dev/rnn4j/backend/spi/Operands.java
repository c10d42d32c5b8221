package dev.rnn4j.backend.spi;

import dev.rnn4j.tensor.DType;
import dev.rnn4j.tensor.Device;
import dev.rnn4j.tensor.Shapes;
import dev.rnn4j.tensor.Tensor;
import java.util.Arrays;

/**
 * The checks of one tensor argument that every backend makes the same way, each throwing an exception whose
 * message starts with the operation and names the argument ({@code "gemm: a float32[2, 3]@cuda:0 is on
 * cuda:0 but this backend runs on cpu (copy it there first)"}). A backend adds only what is its own (the
 * CUDA kernels, for instance, index linearly and demand {@link #contiguous}).
 */
public final class Operands {

    private Operands() {
    }

    /** Present, alive and on {@code device}; any dtype and strides. */
    public static Tensor onDevice(String op, String name, Tensor t, Device device) {
        if (t == null) throw new IllegalArgumentException(op + ": " + name + " is null");
        if (!t.isAlive()) throw new IllegalStateException(op + ": " + name + " " + t.describe() + " is closed (its scope was closed)");
        if (!t.device().equals(device)) {
            throw new IllegalArgumentException(op + ": " + name + " " + t.describe() + " is on " + t.device() + " but this backend runs on "
                    + device + " (copy it there first)");
        }
        return t;
    }

    /** {@link #onDevice} and of {@code dtype}. */
    public static Tensor of(String op, String name, Tensor t, Device device, DType dtype) {
        return dtype(op, name, onDevice(op, name, t, device), dtype);
    }

    public static Tensor dtype(String op, String name, Tensor t, DType expected) {
        if (t.dtype() != expected) throw new IllegalArgumentException(op + ": " + name + " must be " + expected + " but is " + t.describe());
        return t;
    }

    public static void shape(String op, String name, Tensor t, long... expected) {
        if (!Arrays.equals(t.shape(), expected)) {
            throw new IllegalArgumentException(op + ": " + name + " must have shape " + Shapes.toString(expected) + " but is " + t.describe());
        }
    }

    public static void sameShape(String op, String aName, Tensor a, String bName, Tensor b) {
        if (!Arrays.equals(a.shape(), b.shape())) {
            throw new IllegalArgumentException(op + ": " + bName + " shape " + Shapes.toString(b.shape()) + " does not match " + aName + " shape "
                    + Shapes.toString(a.shape()));
        }
    }

    /** Row-major with no gaps (a flat buffer, or what a library that indexes linearly needs). */
    public static void contiguous(String op, String name, Tensor t) {
        if (!t.isContiguous()) {
            throw new IllegalArgumentException(op + ": " + name + " " + t.describe() + " must be contiguous, has strides " + Arrays.toString(t.strides()));
        }
    }

    /** Stride 1 along the last axis (rows of adjacent elements); any other strides. */
    public static void unitLastStride(String op, String name, Tensor t) {
        int last = t.rank() - 1;
        if (last >= 0 && t.dim(last) > 1 && t.stride(last) != 1) {
            throw new IllegalArgumentException(op + ": " + name + " " + t.describe() + " must have stride 1 along its last axis, has strides "
                    + Arrays.toString(t.strides()));
        }
    }

    public static void finite(String op, String name, float v) {
        if (!Float.isFinite(v)) throw new IllegalArgumentException(op + ": " + name + " must be finite, got " + v);
    }
}

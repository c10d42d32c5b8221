package dev.rnn4j.cpu.internal;

import dev.rnn4j.backend.spi.Operands;
import dev.rnn4j.tensor.DType;
import dev.rnn4j.tensor.Device;
import dev.rnn4j.tensor.Tensor;

/**
 * Argument checks shared by the CPU kernels: the backend-neutral {@link Operands} on the host, plus ranks
 * and sizes. Every kernel runs them before it touches memory, so a bad argument is an exception that names
 * the operation, the argument and what was wrong.
 */
final class Require {

    private Require() {
    }

    /** A live host tensor of any dtype. */
    static Tensor host(String op, String name, Tensor t) {
        return Operands.onDevice(op, name, t, Device.CPU);
    }

    /** A tensor that may be written (not a read-only view such as a DLPack tensor its producer flagged). */
    static Tensor writable(String op, String name, Tensor t) {
        if (t.isReadOnly()) throw new IllegalArgumentException(op + ": " + name + " " + t.describe() + " is read-only");
        return t;
    }

    /** A live host float32 tensor. */
    static Tensor floats(String op, String name, Tensor t) {
        return dtype(op, name, host(op, name, t), DType.FLOAT32);
    }

    /** A live host int32 tensor. */
    static Tensor ints(String op, String name, Tensor t) {
        return dtype(op, name, host(op, name, t), DType.INT32);
    }

    static Tensor dtype(String op, String name, Tensor t, DType expected) {
        return Operands.dtype(op, name, t, expected);
    }

    static void sameShape(String op, String aName, Tensor a, String bName, Tensor b) {
        Operands.sameShape(op, aName, a, bName, b);
    }

    /** Live host float32 tensors {@code a} and {@code b}, b of a's shape. */
    static void floatsOfSameShape(String op, String aName, Tensor a, String bName, Tensor b) {
        floats(op, aName, a);
        floats(op, bName, b);
        sameShape(op, aName, a, bName, b);
    }

    /** Live host float32 tensors {@code a}, {@code b} and {@code c}, b and c of a's shape. */
    static void floatsOfSameShape(String op, String aName, Tensor a, String bName, Tensor b, String cName, Tensor c) {
        floats(op, aName, a);
        floats(op, bName, b);
        floats(op, cName, c);
        sameShape(op, aName, a, bName, b);
        sameShape(op, aName, a, cName, c);
    }

    static void rank(String op, String name, Tensor t, int rank) {
        if (t.rank() != rank) {
            throw new IllegalArgumentException(op + ": " + name + " must have rank " + rank + " but is " + t.describe());
        }
    }

    static void minRank(String op, String name, Tensor t, int rank) {
        if (t.rank() < rank) {
            throw new IllegalArgumentException(op + ": " + name + " must have rank >= " + rank + " but is " + t.describe());
        }
    }

    static void dim(String op, String name, Tensor t, int axis, long expected) {
        if (t.dim(axis) != expected) {
            throw new IllegalArgumentException(op + ": " + name + " dim " + axis + " must be " + expected + " but " + name + " is " + t.describe());
        }
    }

    static void finite(String op, String name, float value) {
        Operands.finite(op, name, value);
    }

    static void notNull(String op, String name, Object value) {
        if (value == null) throw new IllegalArgumentException(op + ": " + name + " is null");
    }

    /** Element count as an int-indexable long; rejects tensors too large for the CPU kernels' int loops. */
    static int intSize(String op, String name, long value) {
        if (value > Integer.MAX_VALUE) throw new IllegalArgumentException(op + ": " + name + " " + value + " exceeds " + Integer.MAX_VALUE);
        return (int) value;
    }
}

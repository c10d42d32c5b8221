package dev.rnn4j.cuda;

import dev.rnn4j.backend.spi.Operands;
import dev.rnn4j.tensor.DType;
import dev.rnn4j.tensor.Device;
import dev.rnn4j.tensor.Tensor;
import java.util.Arrays;

/**
 * Host-side checks of kernel operands, run before any launch: the backend-neutral {@link Operands} (present,
 * alive, on this backend's device, of the right dtype, matching shapes) plus what is the GPU's own:
 * contiguous, since the custom kernels index linearly.
 */
final class DeviceOperands {

    private DeviceOperands() {
    }

    /** Contiguous, live, on {@code device}, of {@code dtype}. */
    static Tensor on(Device device, String op, String name, Tensor t, DType dtype) {
        Operands.contiguous(op, name, Operands.of(op, name, t, device, dtype));
        return t;
    }

    /** A live, contiguous operand of a copy on the host or on {@code device} (a host/device copy moves whole bytes). */
    static Tensor copyOperand(Device device, String name, Tensor t) {
        if (!t.isAlive()) throw new IllegalStateException("copy: " + name + " " + t.describe() + " is closed (its scope was closed)");
        if (!t.device().isHost() && !t.device().equals(device)) {
            throw new IllegalArgumentException("copy: " + name + " " + t.describe() + " is on neither the host nor this backend's " + device);
        }
        if (!t.isContiguous()) {
            throw new IllegalArgumentException("copy: " + name + " " + t.describe() + " must be contiguous for a host/device copy, has strides "
                    + Arrays.toString(t.strides()));
        }
        return t;
    }

    /** The destination of a copy: a {@link #copyOperand} that is not read-only. */
    static Tensor copyDestination(Device device, Tensor t) {
        copyOperand(device, "dst", t);
        if (t.isReadOnly()) throw new IllegalArgumentException("copy: dst " + t.describe() + " is read-only");
        return t;
    }

    static Tensor floats(Device device, String op, String name, Tensor t) {
        return on(device, op, name, t, DType.FLOAT32);
    }

    static Tensor ints(Device device, String op, String name, Tensor t) {
        return on(device, op, name, t, DType.INT32);
    }

    static void sameShape(String op, String aName, Tensor a, String bName, Tensor b) {
        Operands.sameShape(op, aName, a, bName, b);
    }

    /** Float32 operands {@code a} and {@code b} as {@link #floats} checks them, b of a's shape. */
    static void floatsOfSameShape(Device device, String op, String aName, Tensor a, String bName, Tensor b) {
        floats(device, op, aName, a);
        floats(device, op, bName, b);
        sameShape(op, aName, a, bName, b);
    }

    /** Float32 operands {@code a}, {@code b} and {@code c} as {@link #floats} checks them, b and c of a's shape. */
    static void floatsOfSameShape(Device device, String op, String aName, Tensor a, String bName, Tensor b, String cName, Tensor c) {
        floats(device, op, aName, a);
        floats(device, op, bName, b);
        floats(device, op, cName, c);
        sameShape(op, aName, a, bName, b);
        sameShape(op, aName, a, cName, c);
    }

    static void shape(String op, String name, Tensor t, long... expected) {
        Operands.shape(op, name, t, expected);
    }

    static void finite(String op, String name, float v) {
        Operands.finite(op, name, v);
    }

    /** Every id in [0, limit) (or equal to {@code allowed}); names the first offender. */
    static int checkIds(String op, String name, int[] ids, long limit, Integer allowed) {
        int counted = 0;
        for (int i = 0; i < ids.length; i++) {
            int id = ids[i];
            if (allowed != null && id == allowed) continue;
            if (id < 0 || id >= limit) {
                throw new IllegalArgumentException(op + ": " + name + "[" + i + "] = " + id + " is outside [0, " + limit + ")"
                        + (allowed == null ? "" : " and is not the ignoreIndex " + allowed));
            }
            counted++;
        }
        return counted;
    }
}

package dev.rnn4j.model.ops;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.model.GradientTape;
import dev.rnn4j.tensor.DType;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;

/** Small host round trips: reading a device tensor into a Java array, uploading an array to the device. */
public final class HostData {

    private HostData() {
    }

    /** Row-major float copy of any float32 tensor (host or device). */
    public static float[] floats(Backend backend, Tensor t) {
        if (t.device().isHost()) return t.toFloatArray();
        try (TensorScope s = TensorScope.open()) {
            Tensor host = s.zeros(t.shape());
            backend.copy(t, host);
            return host.toFloatArray();
        }
    }

    /** Row-major int copy of an int32 tensor (host or device). */
    public static int[] ints(Backend backend, Tensor t) {
        if (t.dtype() != DType.INT32) throw new IllegalArgumentException("expected int32, got " + t.describe());
        if (t.device().isHost()) return t.toIntArray();
        try (TensorScope s = TensorScope.open()) {
            Tensor host = s.allocate(DType.INT32, t.shape());
            backend.copy(t, host);
            return host.toIntArray();
        }
    }

    /** Values of a float or int tensor as floats (int labels converted). */
    public static float[] asFloats(Backend backend, Tensor t) {
        if (t.dtype() == DType.FLOAT32) return floats(backend, t);
        int[] v = ints(backend, t);
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) f[i] = v[i];
        return f;
    }

    /** A device float tensor in the tape's scope holding {@code values}. */
    public static Tensor upload(GradientTape tape, float[] values, long... shape) {
        Tensor dev = tape.allocateForOverwrite(shape);
        Tensor host = tape.scope().fromArray(values, shape);
        tape.backend().copy(host, dev);
        return dev;
    }

    /** A device int32 tensor in the tape's scope holding {@code values}. */
    public static Tensor uploadInts(GradientTape tape, int[] values, long... shape) {
        Tensor dev = tape.allocate(DType.INT32, shape);
        Tensor host = tape.scope().fromIntArray(values, shape);
        tape.backend().copy(host, dev);
        return dev;
    }

    /** The single value of a one-element tensor. */
    public static float scalar(Backend backend, Tensor t) {
        return floats(backend, t)[0];
    }
}

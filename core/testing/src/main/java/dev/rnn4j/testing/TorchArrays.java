package dev.rnn4j.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.rnn4j.tensor.Tensor;

/** Copies between rnn4j data (float[] and host Tensors) and DJL NDArrays, for PyTorch oracles in tests. */
public final class TorchArrays {

    private TorchArrays() {
    }

    /** A PyTorch manager; DJL runs offline here (see the surefire configuration). */
    public static NDManager manager() {
        return NDManager.newBaseManager("PyTorch");
    }

    public static NDArray of(NDManager manager, float[] data, long... shape) {
        return manager.create(data, new Shape(shape));
    }

    /** A copy of a host float32 tensor (any strides) with the same shape. */
    public static NDArray of(NDManager manager, Tensor t) {
        return of(manager, t.toFloatArray(), t.shape());
    }

    /** Zeros of {@code shape}. */
    public static NDArray zeros(NDManager manager, long... shape) {
        return manager.zeros(new Shape(shape));
    }

    /** The elements, row-major. */
    public static float[] floats(NDArray a) {
        return a.toFloatArray();
    }

    /** Copies {@code a} into {@code t}; shapes must have the same element count. */
    public static void copyTo(NDArray a, Tensor t) {
        t.copyFrom(a.toFloatArray());
    }
}

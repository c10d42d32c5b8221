package dev.rnn4j.bench.peers;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.tensor.DType;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;

/**
 * Tensors on a backend's device, owned by one scope: allocation and host↔device copies through the SPI,
 * so the rnn4j sides run unchanged on any backend.
 */
public final class BackendTensors implements AutoCloseable {

    private final Backend backend;
    private final TensorScope scope = TensorScope.open();

    public BackendTensors(Backend backend) {
        this.backend = backend;
    }

    /** A zero-filled float32 tensor on the device. */
    public Tensor zeros(long... shape) {
        return backend.allocate(scope, DType.FLOAT32, shape);
    }

    /** A device copy of {@code data}. */
    public Tensor upload(float[] data, long... shape) {
        Tensor t = zeros(shape);
        backend.copy(scope.fromArray(data, shape), t);
        return t;
    }

    /** A device int32 copy of {@code data}. */
    public Tensor uploadInts(int[] data, long... shape) {
        Tensor t = backend.allocate(scope, DType.INT32, shape);
        backend.copy(scope.fromIntArray(data, shape), t);
        return t;
    }

    /** The elements of a float32 device tensor, row-major. */
    public float[] download(Tensor t) {
        Tensor host = scope.zeros(t.shape());
        backend.copy(t, host);
        return host.toFloatArray();
    }

    @Override
    public void close() {
        scope.close();
    }
}

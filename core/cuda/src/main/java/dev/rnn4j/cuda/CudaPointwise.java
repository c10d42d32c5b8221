package dev.rnn4j.cuda;

import dev.rnn4j.backend.spi.HyperParameters;
import dev.rnn4j.backend.Activation;
import dev.rnn4j.backend.BinaryOp;
import dev.rnn4j.backend.PointwiseOps;
import dev.rnn4j.tensor.Shapes;
import dev.rnn4j.tensor.Tensor;
import java.util.Arrays;
import java.util.Objects;

/** Elementwise ops on the kernels of native/kernels/pointwise.cu. */
final class CudaPointwise implements PointwiseOps {

    private final CudaContext cuda;

    CudaPointwise(CudaContext cuda) {
        this.cuda = cuda;
    }

    private Tensor f(String op, String name, Tensor t) {
        return DeviceOperands.floats(cuda.device, op, name, t);
    }

    private void launch(String op, Kernel k, long n, Object... args) {
        cuda.enter(op);
        if (n == 0) return;
        cuda.kernels.launch(k, LaunchConfig.elementwise(n), cuda.stream, args);
    }

    @Override
    public void fill(Tensor x, float value) {
        f("fill", "x", x);
        launch("fill", Kernel.FILL, x.elementCount(), x.address(), x.elementCount(), value);
    }

    @Override
    public void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        String name = "binary";
        Objects.requireNonNull(op, "op");
        f(name, "a", a);
        f(name, "b", b);
        f(name, "out", out);
        DeviceOperands.sameShape(name, "a", a, "out", out);
        long[] as = a.shape(), bs = b.shape();
        if (bs.length > as.length || !Arrays.equals(bs, Arrays.copyOfRange(as, as.length - bs.length, as.length))) {
            throw new IllegalArgumentException(name + ": b shape " + Shapes.toString(bs) + " must equal a's " + Shapes.toString(as) + " or be a suffix of it");
        }
        launch(name, Kernel.BINARY, a.elementCount(), op.ordinal(), a.address(), b.address(), out.address(), a.elementCount(), Math.max(1, b.elementCount()));
    }

    @Override
    public void axpby(float alpha, Tensor x, float beta, Tensor y) {
        DeviceOperands.floatsOfSameShape(cuda.device, "axpby", "x", x, "y", y);
        launch("axpby", Kernel.AXPBY, x.elementCount(), x.elementCount(), alpha, x.address(), beta, y.address());
    }

    @Override
    public void activation(Activation fn, Tensor x, Tensor y) {
        Objects.requireNonNull(fn, "activation");
        DeviceOperands.floatsOfSameShape(cuda.device, "activation", "x", x, "y", y);
        launch("activation", Kernel.ACTIVATION_FWD, x.elementCount(), fn.ordinal(), x.address(), y.address(), x.elementCount());
    }

    @Override
    public void activationBackward(Activation fn, Tensor y, Tensor dy, Tensor dx) {
        String op = "activationBackward";
        Objects.requireNonNull(fn, "activation");
        DeviceOperands.floatsOfSameShape(cuda.device, op, "y", y, "dy", dy, "dx", dx);
        launch(op, Kernel.ACTIVATION_BWD, y.elementCount(), fn.ordinal(), y.address(), dy.address(), dx.address(), y.elementCount());
    }

    /** Same draws as {@link dev.rnn4j.backend.CounterRandom#dropoutScale}: the keep scale is computed here, in float, as there. */
    @Override
    public void dropoutMask(Tensor mask, float rate, long seed) {
        f("dropoutMask", "mask", mask);
        HyperParameters.dropoutRate(rate);
        float keepScale = 1f / (1f - rate);
        launch("dropoutMask", Kernel.DROPOUT_MASK, mask.elementCount(), mask.address(), mask.elementCount(), rate, keepScale, seed);
    }

    @Override
    public void clamp(Tensor x, float lo, float hi) {
        f("clamp", "x", x);
        if (!(lo <= hi)) throw new IllegalArgumentException("clamp: lo " + lo + " must be <= hi " + hi);
        launch("clamp", Kernel.CLAMP, x.elementCount(), x.address(), x.elementCount(), lo, hi);
    }
}

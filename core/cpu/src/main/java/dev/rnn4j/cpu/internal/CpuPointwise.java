package dev.rnn4j.cpu.internal;

import dev.rnn4j.backend.spi.HyperParameters;
import dev.rnn4j.backend.Activation;
import dev.rnn4j.backend.BinaryOp;
import dev.rnn4j.backend.CounterRandom;
import dev.rnn4j.backend.PointwiseOps;
import dev.rnn4j.tensor.Shapes;
import dev.rnn4j.tensor.Tensor;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/** Elementwise kernels over row-major element indices; any operand may be a strided view. */
final class CpuPointwise implements PointwiseOps {

    private static final VectorSpecies<Float> S = GateVectors.S;
    private static final int LANES = GateVectors.LANES;

    private final GemmThreads threads;

    CpuPointwise(GemmThreads threads) {
        this.threads = threads;
    }

    @Override
    public void fill(Tensor x, float value) {
        HostView v = new HostView(Require.floats("fill", "x", x));
        for (long i = 0; i < v.size; i++) v.set(i, value);
    }

    @Override
    public void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        Require.notNull("binary", "op", op);
        Require.floats("binary", "a", a);
        Require.floats("binary", "b", b);
        Require.floats("binary", "out", out);
        Require.sameShape("binary", "a", a, "out", out);
        requireSuffix(a, b);
        HostView va = new HostView(a);
        HostView vb = new HostView(b);
        HostView vo = new HostView(out);
        long nb = vb.size;
        if (nb == 0) return;
        if (HostView.contiguous(va, vb, vo)) {
            HostView.forEachChunk(threads, va.size, (from, to) -> binaryRange(op, va, vb, vo, from, to), va, vb, vo);
            return;
        }
        for (long i = 0; i < va.size; i++) {
            float x = va.get(i);
            float y = vb.get(nb == va.size ? i : i % nb);
            vo.set(i, switch (op) {
                case ADD -> x + y;
                case SUB -> x - y;
                case MUL -> x * y;
                case DIV -> x / y;
            });
        }
    }

    /** out[i] = a[i] op b[i mod |b|] for i in [from, to), contiguous views: runs of b's length, vectorized. */
    private static void binaryRange(BinaryOp op, HostView a, HostView b, HostView out, long from, long to) {
        long nb = b.size;
        for (long i = from; i < to; ) {
            long j = i % nb;
            long run = Math.min(nb - j, to - i);
            for (long k = 0; k < run; k += LANES) {
                VectorMask<Float> tail = S.indexInRange(0, (int) Math.min(LANES, run - k));
                FloatVector x = GateVectors.load(a.segment, a.byteAt(i + k), tail);
                FloatVector y = GateVectors.load(b.segment, b.byteAt(j + k), tail);
                FloatVector z = switch (op) {
                    case ADD -> x.add(y);
                    case SUB -> x.sub(y);
                    case MUL -> x.mul(y);
                    case DIV -> x.div(y);
                };
                GateVectors.store(z, out.segment, out.byteAt(i + k), tail);
            }
            i += run;
        }
    }

    private static void requireSuffix(Tensor a, Tensor b) {
        long[] as = a.shape();
        long[] bs = b.shape();
        boolean suffix = bs.length <= as.length && Arrays.equals(bs, Arrays.copyOfRange(as, as.length - bs.length, as.length));
        if (!suffix) {
            throw new IllegalArgumentException("binary: b shape " + Shapes.toString(bs) + " must equal a shape " + Shapes.toString(as)
                    + " or be a suffix of it");
        }
    }

    @Override
    public void axpby(float alpha, Tensor x, float beta, Tensor y) {
        Require.floatsOfSameShape("axpby", "x", x, "y", y);
        HostView vx = new HostView(x);
        HostView vy = new HostView(y);
        for (long i = 0; i < vx.size; i++) {
            float old = beta == 0f ? 0f : beta * vy.get(i);
            vy.set(i, alpha * vx.get(i) + old);
        }
    }

    @Override
    public void activation(Activation f, Tensor x, Tensor y) {
        Require.notNull("activation", "f", f);
        Require.floatsOfSameShape("activation", "x", x, "y", y);
        HostView vx = new HostView(x);
        HostView vy = new HostView(y);
        for (long i = 0; i < vx.size; i++) vy.set(i, apply(f, vx.get(i)));
    }

    /** StrictMath (fdlibm) so the result does not depend on whether the JIT has intrinsified the call. */
    static float apply(Activation f, float x) {
        return switch (f) {
            case IDENTITY -> x;
            case TANH -> (float) StrictMath.tanh(x);
            case SIGMOID -> (float) (1.0 / (1.0 + StrictMath.exp(-x)));
            case RELU -> x > 0f ? x : 0f;
        };
    }

    /** f'(x) written through y = f(x). */
    static float derivative(Activation f, float y) {
        return switch (f) {
            case IDENTITY -> 1f;
            case TANH -> 1f - y * y;
            case SIGMOID -> y * (1f - y);
            case RELU -> y > 0f ? 1f : 0f;
        };
    }

    @Override
    public void activationBackward(Activation f, Tensor y, Tensor dy, Tensor dx) {
        Require.notNull("activationBackward", "f", f);
        Require.floatsOfSameShape("activationBackward", "y", y, "dy", dy, "dx", dx);
        HostView vy = new HostView(y);
        HostView vdy = new HostView(dy);
        HostView vdx = new HostView(dx);
        for (long i = 0; i < vy.size; i++) vdx.set(i, vdy.get(i) * derivative(f, vy.get(i)));
    }

    @Override
    public void dropoutMask(Tensor mask, float rate, long seed) {
        Require.floats("dropoutMask", "mask", mask);
        HyperParameters.dropoutRate(rate);
        HostView v = new HostView(mask);
        for (long i = 0; i < v.size; i++) v.set(i, CounterRandom.dropoutScale(seed, i, rate));
    }

    @Override
    public void clamp(Tensor x, float lo, float hi) {
        Require.floats("clamp", "x", x);
        if (!(lo <= hi)) throw new IllegalArgumentException("clamp: lo " + lo + " must be <= hi " + hi);
        HostView v = new HostView(x);
        for (long i = 0; i < v.size; i++) v.set(i, Math.min(hi, Math.max(lo, v.get(i))));
    }
}

package dev.rnn4j.cpu.internal;

import dev.rnn4j.backend.spi.HyperParameters;
import dev.rnn4j.backend.OptimizerOps;
import dev.rnn4j.tensor.Tensor;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/** SGD (momentum, Nesterov), Adam and RMSprop updates with PyTorch's formulas, elementwise over any views. */
final class CpuOptimizers implements OptimizerOps {

    private static final VectorSpecies<Float> S = GateVectors.S;

    private final GemmThreads threads;

    CpuOptimizers(GemmThreads threads) {
        this.threads = threads;
    }

    @Override
    public void sgdStep(Tensor param, Tensor grad, Tensor velocity, float lr, float momentum, boolean nesterov) {
        String op = "sgdStep";
        requireParamAndGrad(op, param, grad);
        HyperParameters.sgd(lr, momentum);
        boolean useVelocity = momentum != 0f;
        if (useVelocity || velocity != null) requireState(op, "velocity", velocity, param);
        HostView p = new HostView(param);
        HostView g = new HostView(grad);
        HostView v = useVelocity ? new HostView(velocity) : null;
        for (long i = 0; i < p.size; i++) {
            float gi = g.get(i);
            float step = gi;
            if (v != null) {
                float vi = momentum * v.get(i) + gi;
                v.set(i, vi);
                step = nesterov ? gi + momentum * vi : vi;
            }
            p.set(i, p.get(i) - lr * step);
        }
    }

    @Override
    public void adamStep(Tensor param, Tensor grad, Tensor m, Tensor v, float lr, float beta1, float beta2, float eps, long step) {
        String op = "adamStep";
        requireParamAndGrad(op, param, grad);
        requireState(op, "m", m, param);
        requireState(op, "v", v, param);
        HyperParameters.adam(lr, beta1, beta2, eps, step);
        double correction1 = 1 - Math.pow(beta1, step);
        float sqrtCorrection2 = (float) Math.sqrt(1 - Math.pow(beta2, step));
        float stepSize = (float) (lr / correction1);
        HostView p = new HostView(param);
        HostView g = new HostView(grad);
        HostView vm = new HostView(m);
        HostView vv = new HostView(v);
        if (HostView.contiguous(p, g, vm, vv)) {
            AdamMoments k = new AdamMoments(beta1, beta2, eps, stepSize, sqrtCorrection2);
            HostView.forEachChunk(threads, p.size, (from, to) -> k.update(p, g, vm, vv, from, to), p, g, vm, vv);
            return;
        }
        for (long i = 0; i < p.size; i++) {
            float gi = g.get(i);
            float mi = beta1 * vm.get(i) + (1 - beta1) * gi;
            float vi = beta2 * vv.get(i) + (1 - beta2) * gi * gi;
            vm.set(i, mi);
            vv.set(i, vi);
            float denom = (float) Math.sqrt(vi) / sqrtCorrection2 + eps;
            p.set(i, p.get(i) - stepSize * mi / denom);
        }
    }

    /**
     * Adam's update vectorized over contiguous views, in float with the scalar loop's operations in its order
     * (so both paths give the same bits): m = β1·m + (1-β1)·g; v = β2·v + (1-β2)·g·g;
     * p -= stepSize·m / (sqrt(v) / sqrt(1-β2^t) + eps).
     */
    private record AdamMoments(float beta1, float beta2, float eps, float stepSize, float sqrtCorrection2) {

        void update(HostView p, HostView g, HostView m, HostView v, long from, long to) {
            FloatVector b1 = FloatVector.broadcast(S, beta1);
            FloatVector gain1 = FloatVector.broadcast(S, 1 - beta1);
            FloatVector b2 = FloatVector.broadcast(S, beta2);
            FloatVector gain2 = FloatVector.broadcast(S, 1 - beta2);
            FloatVector e = FloatVector.broadcast(S, eps);
            FloatVector size = FloatVector.broadcast(S, stepSize);
            FloatVector c2 = FloatVector.broadcast(S, sqrtCorrection2);
            for (long i = from; i < to; i += S.length()) {
                VectorMask<Float> tail = S.indexInRange(0, (int) Math.min(S.length(), to - i));
                FloatVector gi = GateVectors.load(g.segment, g.byteAt(i), tail);
                FloatVector mi = b1.mul(GateVectors.load(m.segment, m.byteAt(i), tail)).add(gain1.mul(gi));
                FloatVector vi = b2.mul(GateVectors.load(v.segment, v.byteAt(i), tail)).add(gain2.mul(gi).mul(gi));
                GateVectors.store(mi, m.segment, m.byteAt(i), tail);
                GateVectors.store(vi, v.segment, v.byteAt(i), tail);
                FloatVector denom = vi.sqrt().div(c2).add(e);
                FloatVector pi = GateVectors.load(p.segment, p.byteAt(i), tail);
                GateVectors.store(pi.sub(size.mul(mi).div(denom)), p.segment, p.byteAt(i), tail);
            }
        }
    }

    @Override
    public void rmspropStep(Tensor param, Tensor grad, Tensor meanSquare, float lr, float rho, float eps) {
        String op = "rmspropStep";
        requireParamAndGrad(op, param, grad);
        requireState(op, "meanSquare", meanSquare, param);
        Require.finite(op, "lr", lr);
        HyperParameters.rmsprop(lr, rho, eps);
        HostView p = new HostView(param);
        HostView g = new HostView(grad);
        HostView s = new HostView(meanSquare);
        for (long i = 0; i < p.size; i++) {
            float gi = g.get(i);
            float si = rho * s.get(i) + (1 - rho) * gi * gi;
            s.set(i, si);
            p.set(i, p.get(i) - lr * gi / ((float) Math.sqrt(si) + eps));
        }
    }

    private static void requireParamAndGrad(String op, Tensor param, Tensor grad) {
        Require.floats(op, "param", param);
        Require.floats(op, "grad", grad);
        Require.sameShape(op, "param", param, "grad", grad);
    }

    private static void requireState(String op, String name, Tensor state, Tensor param) {
        Require.floats(op, name, state);
        Require.sameShape(op, "param", param, name, state);
    }


}

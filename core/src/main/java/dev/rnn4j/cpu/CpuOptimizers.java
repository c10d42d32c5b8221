package dev.rnn4j.cpu;

import dev.rnn4j.backend.HyperParameters;
import dev.rnn4j.backend.OptimizerOps;
import dev.rnn4j.tensor.Tensor;

/** SGD (momentum, Nesterov), Adam and RMSprop updates with PyTorch's formulas, elementwise over any views. */
final class CpuOptimizers implements OptimizerOps {

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
        double sqrtCorrection2 = Math.sqrt(1 - Math.pow(beta2, step));
        float stepSize = (float) (lr / correction1);
        HostView p = new HostView(param);
        HostView g = new HostView(grad);
        HostView vm = new HostView(m);
        HostView vv = new HostView(v);
        for (long i = 0; i < p.size; i++) {
            float gi = g.get(i);
            float mi = beta1 * vm.get(i) + (1 - beta1) * gi;
            float vi = beta2 * vv.get(i) + (1 - beta2) * gi * gi;
            vm.set(i, mi);
            vv.set(i, vi);
            float denom = (float) (Math.sqrt(vi) / sqrtCorrection2) + eps;
            p.set(i, p.get(i) - stepSize * mi / denom);
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

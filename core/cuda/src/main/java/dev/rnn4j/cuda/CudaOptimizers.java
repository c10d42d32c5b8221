package dev.rnn4j.cuda;

import dev.rnn4j.backend.spi.HyperParameters;
import dev.rnn4j.backend.OptimizerOps;
import dev.rnn4j.tensor.Tensor;

/** SGD-momentum, Adam and RMSprop updates on the kernels of native/kernels/optimizers.cu. */
final class CudaOptimizers implements OptimizerOps {

    private final CudaContext cuda;

    CudaOptimizers(CudaContext cuda) {
        this.cuda = cuda;
    }

    private void state(String op, String name, Tensor t, Tensor param) {
        DeviceOperands.floats(cuda.device, op, name, t);
        DeviceOperands.sameShape(op, "param", param, name, t);
    }



    @Override
    public void sgdStep(Tensor param, Tensor grad, Tensor velocity, float lr, float momentum, boolean nesterov) {
        String op = "sgdStep";
        DeviceOperands.floats(cuda.device, op, "param", param);
        state(op, "grad", grad, param);
        HyperParameters.sgd(lr, momentum);
        if (momentum != 0f && velocity == null) throw new IllegalArgumentException(op + ": velocity is null but momentum is " + momentum);
        if (velocity != null) state(op, "velocity", velocity, param);
        cuda.enter(op);
        long n = param.elementCount();
        if (n == 0) return;
        cuda.kernels.launch(Kernel.SGD_STEP, LaunchConfig.elementwise(n), cuda.stream, param.address(), grad.address(),
                velocity == null ? 0L : velocity.address(), n, lr, momentum, nesterov ? 1 : 0);
    }

    @Override
    public void adamStep(Tensor param, Tensor grad, Tensor m, Tensor v, float lr, float beta1, float beta2, float eps, long step) {
        String op = "adamStep";
        DeviceOperands.floats(cuda.device, op, "param", param);
        state(op, "grad", grad, param);
        state(op, "m", m, param);
        state(op, "v", v, param);
        HyperParameters.adam(lr, beta1, beta2, eps, step);
        cuda.enter(op);
        long n = param.elementCount();
        if (n == 0) return;
        float stepSize = (float) (lr / (1 - Math.pow(beta1, step)));
        float sqrtCorrection2 = (float) Math.sqrt(1 - Math.pow(beta2, step));
        cuda.kernels.launch(Kernel.ADAM_STEP, LaunchConfig.elementwise(n), cuda.stream, param.address(), grad.address(), m.address(), v.address(), n,
                beta1, beta2, eps, stepSize, sqrtCorrection2);
    }

    @Override
    public void rmspropStep(Tensor param, Tensor grad, Tensor meanSquare, float lr, float rho, float eps) {
        String op = "rmspropStep";
        DeviceOperands.floats(cuda.device, op, "param", param);
        state(op, "grad", grad, param);
        state(op, "meanSquare", meanSquare, param);
        HyperParameters.rmsprop(lr, rho, eps);
        cuda.enter(op);
        long n = param.elementCount();
        if (n == 0) return;
        cuda.kernels.launch(Kernel.RMSPROP_STEP, LaunchConfig.elementwise(n), cuda.stream, param.address(), grad.address(), meanSquare.address(), n, lr, rho, eps);
    }
}

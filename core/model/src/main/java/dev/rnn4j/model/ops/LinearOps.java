package dev.rnn4j.model.ops;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.model.GradientTape;
import dev.rnn4j.model.Variable;
import dev.rnn4j.tensor.Tensor;

/**
 * {@code y = x · Wᵀ + b} over the last dimension with W in PyTorch's Linear layout [out, in], or
 * {@code y = x · W + b} with W in Keras' kernel layout [in, out]; one gemm forward, two backward.
 */
public final class LinearOps {

    private LinearOps() {
    }

    /** x [..., in], weight [out, in], bias [out] or null → [..., out]; the mask of x is kept. */
    public static Variable linear(GradientTape tape, Variable x, Variable weight, Variable bias) {
        return project(tape, x, weight, true, bias);
    }

    /** x [..., in], kernel [in, out] (Keras' layout), bias [out] or null → [..., out]; the mask of x is kept. */
    public static Variable linearKernel(GradientTape tape, Variable x, Variable kernel, Variable bias) {
        return project(tape, x, kernel, false, bias);
    }

    /** {@code outIn}: weight is [out, in] (used transposed), else [in, out]. */
    private static Variable project(GradientTape tape, Variable x, Variable weight, boolean outIn, Variable bias) {
        Backend backend = tape.backend();
        if (weight.rank() != 2) throw new IllegalArgumentException("linear: weight must be a matrix, got " + weight.value().describe());
        long in = weight.dim(outIn ? 1 : 0), out = weight.dim(outIn ? 0 : 1);
        if (x.dim(x.rank() - 1) != in) {
            throw new IllegalArgumentException("linear: input " + x.value().describe() + " has last dim " + x.dim(x.rank() - 1) + ", weight expects " + in);
        }
        long rows = x.value().elementCount() / in;
        long[] shape = x.shape();
        shape[shape.length - 1] = out;
        Tensor y = tape.allocateForOverwrite(shape); // the GEMM with beta 0 writes it, reading nothing
        Tensor x2 = x.value().reshape(rows, in);
        Tensor y2 = y.reshape(rows, out);
        backend.gemm(false, outIn, 1f, x2, weight.value(), 0f, y2);
        if (bias != null) backend.binary(dev.rnn4j.backend.BinaryOp.ADD, y2, bias.value(), y2);
        Variable result = tape.result(y, x.mask(), x, weight, bias);
        tape.onBackward(() -> {
            Tensor dy = result.grad();
            if (dy == null) return;
            Tensor dy2 = dy.reshape(rows, out);
            if (x.requiresGrad()) backend.gemm(false, !outIn, 1f, dy2, weight.value(), 1f, x.gradBuffer().reshape(rows, in));
            if (weight.requiresGrad()) {
                if (outIn) backend.gemm(true, false, 1f, dy2, x2, 1f, weight.gradBuffer());
                else backend.gemm(true, false, 1f, x2, dy2, 1f, weight.gradBuffer());
            }
            if (bias != null && bias.requiresGrad()) backend.sumToLastDim(dy2, 1f, bias.gradBuffer());
        });
        return result;
    }
}

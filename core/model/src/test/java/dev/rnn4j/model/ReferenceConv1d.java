package dev.rnn4j.model;

import static dev.rnn4j.testing.ReferenceFirst.toDouble;

import dev.rnn4j.testing.FiniteDifferences;
import java.util.function.DoubleSupplier;

/**
 * Keras' Conv1D in double precision, written as the sum it is:
 * y[b, t, f] = bias[f] + Σ_j Σ_c x[b, t·stride + j·dilation − padLeft, c] · kernel[j, c, f], with x [B, T, C]
 * taken as zero outside 0..T−1, kernel [k, C, F] (Keras' layout) and y [B, T_out, F]. With span = dilation·(k − 1) + 1,
 * "valid": no padding; "same": total padding max((T_out − 1)·stride + span − T, 0), ⌊total / 2⌋ of it on the
 * left (TensorFlow's rule); "causal": span − 1 on the left. The
 * gradients of L = Σ y·r are central differences of this sum with step 1, exact up to rounding because y is
 * linear in x, in the kernel and in the bias. Shares no code with the layer or with ConvOps.
 */
final class ReferenceConv1d {

    /** y and the gradients of L with respect to x, the kernel and the bias. */
    record Outputs(double[] y, double[] dx, double[] dKernel, double[] dBias) {
    }

    private final Conv1dCase c;
    private final int padLeft;

    ReferenceConv1d(Conv1dCase c) {
        this.c = c;
        this.padLeft = c.padLeft();
    }

    double[] y(double[] x, double[] kernel, double[] bias) {
        int outSteps = c.outSteps();
        double[] y = new double[Conv1dCase.B * outSteps * Conv1dCase.F];
        for (int b = 0; b < Conv1dCase.B; b++) {
            for (int t = 0; t < outSteps; t++) {
                for (int f = 0; f < Conv1dCase.F; f++) {
                    double sum = bias[f];
                    for (int j = 0; j < c.kernelSize(); j++) {
                        int s = t * c.stride() + j * c.dilation() - padLeft;
                        if (s < 0 || s >= Conv1dCase.T) continue;
                        for (int ch = 0; ch < Conv1dCase.C; ch++) {
                            sum += x[(b * Conv1dCase.T + s) * Conv1dCase.C + ch] * kernel[(j * Conv1dCase.C + ch) * Conv1dCase.F + f];
                        }
                    }
                    y[(b * outSteps + t) * Conv1dCase.F + f] = sum;
                }
            }
        }
        return y;
    }

    Outputs outputs(float[] x32, float[] kernel32, float[] bias32, float[] r32) {
        double[] x = toDouble(x32);
        double[] kernel = toDouble(kernel32);
        double[] bias = toDouble(bias32);
        double[] r = toDouble(r32);
        DoubleSupplier loss = () -> {
            double[] y = y(x, kernel, bias);
            double sum = 0;
            for (int i = 0; i < y.length; i++) sum += y[i] * r[i];
            return sum;
        };
        return new Outputs(y(x, kernel, bias), FiniteDifferences.central(x, 1, loss), FiniteDifferences.central(kernel, 1, loss),
                FiniteDifferences.central(bias, 1, loss));
    }
}

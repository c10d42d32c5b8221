package dev.rnn4j.model.ops;

import dev.rnn4j.model.GradientTape;
import dev.rnn4j.model.Variable;

import java.util.List;

/**
 * 1-D convolution (cross-correlation, as Keras and PyTorch compute it) as im2col plus one gemm: each output
 * step gathers its kernel window of input rows through {@link GatherOps#rows} (whose backward is the
 * scatter-add that sums overlapping windows; a dilated kernel's taps are {@code dilation} steps apart), and
 * {@link LinearOps#linearKernel} multiplies the windows
 * [B·T', K·C] by the kernel [K·C, F]. Taps that fall into the zero padding read one extra zero row appended
 * to the input. No backend method beyond gather, scatter-add, copy and gemm is needed.
 */
public final class ConvOps {

    private ConvOps() {
    }

    /**
     * Where the windows of a convolution over {@code length} steps lie: window j covers input steps
     * {@code j·stride - padLeft + k·dilation} for k in [0, kernelSize); steps outside [0, length) read zeros.
     * The kernel spans {@code dilation·(kernelSize - 1) + 1} steps.
     */
    public record Window(int length, int kernelSize, int stride, int dilation, int padLeft, int outLength) {

        public Window {
            if (kernelSize < 1 || stride < 1 || dilation < 1) {
                throw new IllegalArgumentException("kernel size, stride and dilation must be >= 1, got " + kernelSize + ", " + stride + " and " + dilation);
            }
            if (outLength < 1) throw new IllegalArgumentException("convolution over " + length + " steps gives no output step");
        }

        /** Steps one window covers: dilation·(kernelSize - 1) + 1. */
        public int span() {
            return dilation * (kernelSize - 1) + 1;
        }

        /** Keras padding="valid": no padding, T' = ⌊(T - span) / stride⌋ + 1; needs T >= span. */
        public static Window valid(int length, int kernelSize, int stride, int dilation) {
            int span = dilation * (kernelSize - 1) + 1;
            if (length < span) {
                throw new IllegalArgumentException("padding 'valid' needs at least " + (dilation == 1 ? "kernel_size = " + kernelSize
                        : "dilation_rate·(kernel_size - 1) + 1 = " + span) + " steps, got " + length);
            }
            return new Window(length, kernelSize, stride, dilation, 0, (length - span) / stride + 1);
        }

        /**
         * Keras (TensorFlow) padding="same": T' = ⌈T / stride⌉, total padding max((T' - 1)·stride + span - T, 0)
         * split as ⌊total / 2⌋ on the left and the rest on the right (an even kernel pads one more on the right).
         */
        public static Window same(int length, int kernelSize, int stride, int dilation) {
            requireSteps(length);
            int out = (length + stride - 1) / stride;
            int total = Math.max((out - 1) * stride + dilation * (kernelSize - 1) + 1 - length, 0);
            return new Window(length, kernelSize, stride, dilation, total / 2, out);
        }

        /**
         * Keras padding="causal": span - 1 zeros on the left only, so output step j sees input steps up to
         * j·stride and none after; T' = ⌈T / stride⌉ (T with stride 1).
         */
        public static Window causal(int length, int kernelSize, int stride, int dilation) {
            requireSteps(length);
            return new Window(length, kernelSize, stride, dilation, dilation * (kernelSize - 1), (length + stride - 1) / stride);
        }

        private static void requireSteps(int length) {
            if (length < 1) throw new IllegalArgumentException("convolution needs at least one step, got " + length);
        }

        public boolean padded() {
            return padLeft > 0 || (outLength - 1) * stride + span() - padLeft > length;
        }

        /** Input row (b·T + step) of each tap, window-major then tap; {@code zeroRow} for padding taps. */
        int[] rowIds(int batch, int zeroRow) {
            int[] ids = new int[batch * outLength * kernelSize];
            int i = 0;
            for (int b = 0; b < batch; b++) {
                for (int j = 0; j < outLength; j++) {
                    for (int k = 0; k < kernelSize; k++) {
                        int step = j * stride - padLeft + k * dilation;
                        ids[i++] = step >= 0 && step < length ? b * length + step : zeroRow;
                    }
                }
            }
            return ids;
        }
    }

    /** x [B, T, C], kernel [K, C, F] (Keras' layout), bias [F] or null → [B, T', F], without a mask. */
    public static Variable conv1d(GradientTape tape, Variable x, Variable kernel, Variable bias, Window window) {
        if (x.rank() != 3) throw new IllegalArgumentException("conv1d input must be [batch, time, channels], got " + x.value().describe());
        if (kernel.rank() != 3) throw new IllegalArgumentException("conv1d kernel must be [kernel_size, in, filters], got " + kernel.value().describe());
        int b = (int) x.dim(0), t = (int) x.dim(1), c = (int) x.dim(2), k = (int) kernel.dim(0), f = (int) kernel.dim(2);
        if (kernel.dim(1) != c || k != window.kernelSize() || t != window.length()) {
            throw new IllegalArgumentException("conv1d: input " + x.value().describe() + " and kernel " + kernel.value().describe()
                    + " do not fit the window " + window);
        }
        Variable table = ElementwiseOps.reshape(tape, x, null, (long) b * t, c);
        if (window.padded()) {
            Variable zero = tape.constant(tape.allocate(1, c));
            Variable flat = ShapeOps.concatLast(tape, List.of(ElementwiseOps.reshape(tape, table, null, 1, (long) b * t * c), zero));
            table = ElementwiseOps.reshape(tape, flat, null, (long) b * t + 1, c);
        }
        int outT = window.outLength();
        Variable taps = GatherOps.rows(tape, table, window.rowIds(b, b * t), null, (long) b * outT * k, c);
        Variable windows = ElementwiseOps.reshape(tape, taps, null, b, outT, (long) k * c);
        Variable kernel2 = ElementwiseOps.reshape(tape, kernel, null, (long) k * c, f);
        return LinearOps.linearKernel(tape, windows, kernel2, bias);
    }
}

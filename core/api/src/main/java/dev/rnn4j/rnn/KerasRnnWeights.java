package dev.rnn4j.rnn;

import java.util.Objects;

/**
 * Converts one (layer, direction) block of the canonical weight space to and from the weights of a Keras
 * SimpleRNN / LSTM / GRU cell (direction 1 is the backward layer of a Keras Bidirectional):
 * <ul>
 *   <li>{@code kernel} [layerInput, G·H] and {@code recurrent_kernel} [H, G·H]: our W and R transposed, with
 *       Keras' gate order (LSTM i, f, c, o = ours; GRU z, r, h where ours is r, z, n);
 *   <li>{@code bias}: SimpleRNN and LSTM [G·H], which is b_W + b_R (imported into b_W, or b_R when only that
 *       exists); GRU with reset_after=True [2, G·H], row 0 the input bias b_W, row 1 the recurrent bias b_R;
 *       null when the bias mode is NO_BIAS (use_bias=False).
 * </ul>
 * Biases the bias mode lacks are exported as zeros and must be zero on import.
 */
public final class KerasRnnWeights {

    /** Keras' weights of one cell, row-major; bias is null without biases. */
    public record KerasCell(float[] kernel, float[] recurrentKernel, float[] bias) {
    }

    private KerasRnnWeights() {
    }

    public static long[] kernelShape(RnnDescriptor rnn, int layer) {
        return new long[] {rnn.layerInputSize(layer), gateRows(rnn)};
    }

    public static long[] recurrentKernelShape(RnnDescriptor rnn) {
        return new long[] {rnn.hiddenSize(), gateRows(rnn)};
    }

    /** [G·H], [2, G·H] for GRU, or null for NO_BIAS. */
    public static long[] biasShape(RnnDescriptor rnn) {
        if (rnn.biasMode() == RnnBiasMode.NO_BIAS) return null;
        return rnn.mode() == RnnMode.GRU ? new long[] {2, gateRows(rnn)} : new long[] {gateRows(rnn)};
    }

    public static KerasCell toKeras(RnnDescriptor rnn, float[] weightSpace, int layer, int direction) {
        RnnWeightLayout layout = rnn.weightLayout();
        PyTorchRnnWeights.requireLength("weightSpace", weightSpace, layout.size());
        int rows = gateRows(rnn);
        int width = rnn.layerInputSize(layer);
        int hidden = rnn.hiddenSize();
        float[] kernel = new float[width * rows];
        float[] recurrent = new float[hidden * rows];
        transposeOut(weightSpace, layout.inputWeightOffset(layer, direction), width, rnn, kernel);
        transposeOut(weightSpace, layout.recurrentWeightOffset(layer, direction), hidden, rnn, recurrent);
        float[] bias = null;
        if (rnn.biasMode() != RnnBiasMode.NO_BIAS) {
            float[] bw = biasOrZeros(weightSpace, layout.inputBiasOffset(layer, direction), rows);
            float[] br = biasOrZeros(weightSpace, layout.recurrentBiasOffset(layer, direction), rows);
            if (rnn.mode() == RnnMode.GRU) {
                bias = new float[2 * rows];
                for (int r = 0; r < rows; r++) {
                    bias[kerasRow(rnn, r)] = bw[r];
                    bias[rows + kerasRow(rnn, r)] = br[r];
                }
            } else {
                bias = new float[rows];
                for (int r = 0; r < rows; r++) bias[r] = bw[r] + br[r];
            }
        }
        return new KerasCell(kernel, recurrent, bias);
    }

    /** Writes the (layer, direction) block of {@code weightSpace} from Keras' weights of that cell. */
    public static void fromKeras(RnnDescriptor rnn, KerasCell cell, int layer, int direction, float[] weightSpace) {
        Objects.requireNonNull(cell, "cell");
        RnnWeightLayout layout = rnn.weightLayout();
        PyTorchRnnWeights.requireLength("weightSpace", weightSpace, layout.size());
        int rows = gateRows(rnn);
        int width = rnn.layerInputSize(layer);
        int hidden = rnn.hiddenSize();
        PyTorchRnnWeights.requireLength("kernel", cell.kernel(), (long) width * rows);
        PyTorchRnnWeights.requireLength("recurrent_kernel", cell.recurrentKernel(), (long) hidden * rows);
        transposeIn(cell.kernel(), width, rnn, weightSpace, layout.inputWeightOffset(layer, direction));
        transposeIn(cell.recurrentKernel(), hidden, rnn, weightSpace, layout.recurrentWeightOffset(layer, direction));
        long bwOffset = layout.inputBiasOffset(layer, direction);
        long brOffset = layout.recurrentBiasOffset(layer, direction);
        float[] bias = cell.bias();
        if (rnn.biasMode() == RnnBiasMode.NO_BIAS) {
            if (bias != null && !allZero(bias, 0, bias.length)) throw new IllegalArgumentException("bias is non-zero but the bias mode is NO_BIAS");
            return;
        }
        if (bias == null) throw new IllegalArgumentException("bias is missing; the bias mode is " + rnn.biasMode());
        if (rnn.mode() == RnnMode.GRU) {
            PyTorchRnnWeights.requireLength("bias", bias, 2L * rows);
            putBias(rnn, bias, 0, bwOffset, "bias[0] (the input bias)", weightSpace);
            putBias(rnn, bias, rows, brOffset, "bias[1] (the recurrent bias)", weightSpace);
        } else {
            PyTorchRnnWeights.requireLength("bias", bias, rows);
            putBias(rnn, bias, 0, bwOffset >= 0 ? bwOffset : brOffset, "bias", weightSpace);
            if (bwOffset >= 0 && brOffset >= 0) java.util.Arrays.fill(weightSpace, (int) brOffset, (int) brOffset + rows, 0f);
        }
    }

    private static void putBias(RnnDescriptor rnn, float[] bias, int from, long offset, String name, float[] weightSpace) {
        int rows = gateRows(rnn);
        if (offset < 0) {
            if (!allZero(bias, from, rows)) throw new IllegalArgumentException(name + " is non-zero but bias mode " + rnn.biasMode() + " has no such bias");
            return;
        }
        for (int r = 0; r < rows; r++) weightSpace[(int) offset + r] = bias[from + kerasRow(rnn, r)];
    }

    /** Keras' [width, G·H] from our [G·H, width] at {@code offset}. */
    private static void transposeOut(float[] weightSpace, long offset, int width, RnnDescriptor rnn, float[] keras) {
        int rows = gateRows(rnn);
        for (int r = 0; r < rows; r++) {
            int column = kerasRow(rnn, r);
            for (int i = 0; i < width; i++) keras[i * rows + column] = weightSpace[(int) offset + r * width + i];
        }
    }

    private static void transposeIn(float[] keras, int width, RnnDescriptor rnn, float[] weightSpace, long offset) {
        int rows = gateRows(rnn);
        for (int r = 0; r < rows; r++) {
            int column = kerasRow(rnn, r);
            for (int i = 0; i < width; i++) weightSpace[(int) offset + r * width + i] = keras[i * rows + column];
        }
    }

    /** Keras' position of our gate row r: the GRU swaps its first two gates (r, z ↔ z, r). */
    private static int kerasRow(RnnDescriptor rnn, int r) {
        if (rnn.mode() != RnnMode.GRU) return r;
        int hidden = rnn.hiddenSize();
        int gate = r / hidden;
        int kerasGate = gate == 0 ? 1 : gate == 1 ? 0 : 2;
        return kerasGate * hidden + r % hidden;
    }

    private static float[] biasOrZeros(float[] weightSpace, long offset, int rows) {
        float[] b = new float[rows];
        if (offset >= 0) System.arraycopy(weightSpace, (int) offset, b, 0, rows);
        return b;
    }

    private static boolean allZero(float[] values, int from, int count) {
        for (int i = from; i < from + count; i++) {
            if (values[i] != 0f) return false;
        }
        return true;
    }

    private static int gateRows(RnnDescriptor rnn) {
        return rnn.mode().gates() * rnn.hiddenSize();
    }
}

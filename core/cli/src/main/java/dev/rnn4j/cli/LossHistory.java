package dev.rnn4j.cli;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Base64;

/**
 * The training loss of every step of a run, as float32 (what the trainer computes). Past {@link #CAPACITY}
 * values, neighbouring pairs are averaged and each value then stands for twice as many steps ({@link #stride()}),
 * so a checkpoint's copy stays bounded on very long runs.
 */
final class LossHistory {

    static final int CAPACITY = 1 << 22;

    private float[] values = new float[256];
    private int count;
    private int stride = 1;
    private double pendingSum;
    private int pendingCount;

    /** Records the loss of the next step. */
    void add(double loss) {
        pendingSum += loss;
        if (++pendingCount < stride) return;
        if (count == CAPACITY) compact();
        if (count == values.length) values = Arrays.copyOf(values, Math.min(CAPACITY, 2 * count));
        values[count++] = (float) (pendingSum / pendingCount);
        pendingSum = 0;
        pendingCount = 0;
    }

    private void compact() {
        for (int i = 0; i < count / 2; i++) values[i] = (float) (((double) values[2 * i] + values[2 * i + 1]) / 2);
        count /= 2;
        stride *= 2;
    }

    int size() {
        return count;
    }

    /** Steps per value: 1 until the history outgrew {@link #CAPACITY}. */
    int stride() {
        return stride;
    }

    /** The recorded losses, oldest first. */
    double[] values() {
        double[] v = new double[count];
        for (int i = 0; i < count; i++) v[i] = values[i];
        return v;
    }

    /** The step each value belongs to (1-based; the middle of its steps when a value stands for several). */
    double[] steps() {
        double[] s = new double[count];
        for (int i = 0; i < count; i++) s[i] = (double) i * stride + (stride + 1) / 2.0;
        return s;
    }

    /** The first {@code n} raw losses (stride 1 only), e.g. to compare two runs. */
    float[] first(int n) {
        if (stride != 1) throw new IllegalStateException("the history was compacted (stride " + stride + ")");
        return Arrays.copyOf(values, Math.min(n, count));
    }

    /** Mean of the last {@code n} values (NaN when empty). */
    double recentMean(int n) {
        int from = Math.max(0, count - n);
        double sum = 0;
        for (int i = from; i < count; i++) sum += values[i];
        return count == 0 ? Double.NaN : sum / (count - from);
    }

    /** Base64 of the values as little-endian float32. */
    String encode() {
        ByteBuffer b = ByteBuffer.allocate(4 * count).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) b.putFloat(values[i]);
        return Base64.getEncoder().encodeToString(b.array());
    }

    /** The inverse of {@link #encode()}; {@code what} names the source in errors. */
    static LossHistory decode(String base64, int stride, String what) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": the loss history is not base64 (" + e.getMessage() + ")");
        }
        if (bytes.length % 4 != 0 || bytes.length / 4 > CAPACITY) throw new IllegalArgumentException(what + ": the loss history has " + bytes.length + " bytes, not a float32 array of at most " + CAPACITY);
        if (stride < 1 || Integer.bitCount(stride) != 1) throw new IllegalArgumentException(what + ": loss history stride must be a power of two, got " + stride);
        LossHistory h = new LossHistory();
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        h.values = new float[Math.max(256, bytes.length / 4)];
        while (b.hasRemaining()) h.values[h.count++] = b.getFloat();
        h.stride = stride;
        return h;
    }
}

package dev.rnn4j.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Keras' {@code pad_sequences}: every sequence becomes exactly {@code maxlen} long.
 *
 * @param maxlen     target length; {@link #LONGEST} uses the longest sequence given
 * @param padding    where padding values go: {@link Side#PRE} (Keras default) or {@link Side#POST}
 * @param truncating which end is cut from longer sequences: {@link Side#PRE} (Keras default) keeps the end
 * @param value      the padding value (0, the id Keras reserves for padding)
 */
public record PadSequences(int maxlen, Side padding, Side truncating, int value) {

    /** {@code maxlen = None} in Keras. */
    public static final int LONGEST = -1;

    public enum Side { PRE, POST }

    public PadSequences {
        if (maxlen < LONGEST) throw new IllegalArgumentException("maxlen must be >= 0 (or LONGEST), got " + maxlen);
        Objects.requireNonNull(padding, "padding");
        Objects.requireNonNull(truncating, "truncating");
    }

    /** Keras defaults: longest, pre, pre, 0. */
    public static PadSequences keras() {
        return new PadSequences(LONGEST, Side.PRE, Side.PRE, 0);
    }

    /** {@code pad_sequences(sequences, maxlen)} with Keras defaults otherwise. */
    public static int[][] pad(List<int[]> sequences, int maxlen) {
        return keras().withMaxlen(maxlen).apply(sequences);
    }

    public PadSequences withMaxlen(int m) {
        return new PadSequences(m, padding, truncating, value);
    }

    public PadSequences withPadding(Side p) {
        return new PadSequences(maxlen, p, truncating, value);
    }

    public PadSequences withTruncating(Side t) {
        return new PadSequences(maxlen, padding, t, value);
    }

    public PadSequences withValue(int v) {
        return new PadSequences(maxlen, padding, truncating, v);
    }

    /** One row per sequence, each {@code maxlen} long. */
    public int[][] apply(List<int[]> sequences) {
        Objects.requireNonNull(sequences, "sequences");
        int longest = 0;
        for (int i = 0; i < sequences.size(); i++) {
            int[] s = sequences.get(i);
            if (s == null) throw new IllegalArgumentException("sequence #" + i + " is null");
            longest = Math.max(longest, s.length);
        }
        int length = maxlen == LONGEST ? longest : maxlen;
        int[][] out = new int[sequences.size()][];
        for (int i = 0; i < out.length; i++) out[i] = fit(sequences.get(i), length);
        return out;
    }

    private int[] fit(int[] s, int length) {
        int[] row = new int[length];
        Arrays.fill(row, value);
        int kept = Math.min(s.length, length);
        int from = truncating == Side.PRE ? s.length - kept : 0;
        int to = padding == Side.PRE ? length - kept : 0;
        System.arraycopy(s, from, row, to, kept);
        return row;
    }
}

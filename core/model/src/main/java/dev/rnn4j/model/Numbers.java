package dev.rnn4j.model;

import java.util.Locale;

/**
 * How numbers are shown to people: a float widened to the double of its shortest decimal (a learning rate of
 * 0.01f is 0.01 in the logs, not 0.009999999776482582), log values with four decimals (Keras' "loss: 0.6931")
 * or, when very small or large, in scientific notation, and counts with thousands separators.
 */
public final class Numbers {

    private Numbers() {
    }

    /** The double nearest the shortest decimal that identifies {@code value} as a float: {@code 0.01f → 0.01}. */
    public static double exact(float value) {
        return Float.isFinite(value) ? Double.parseDouble(Float.toString(value)) : value;
    }

    /** "0.6931" for magnitudes in [0.001, 100000) and zero, "1.234e-05" otherwise; "nan" and "inf" as such. */
    public static String format(double value) {
        if (Double.isNaN(value)) return "nan";
        if (Double.isInfinite(value)) return value > 0 ? "inf" : "-inf";
        double a = Math.abs(value);
        if (a == 0 || (a >= 1e-3 && a < 1e5)) return String.format(Locale.ROOT, "%.4f", value);
        return String.format(Locale.ROOT, "%.3e", value);
    }

    /** "12,345". */
    public static String grouped(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }
}

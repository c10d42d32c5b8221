package dev.rnn4j.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * picocli converters that check a number's range while the command line is parsed, so an out-of-range
 * value is a usage error (exit 2, naming the option) before any data is loaded.
 */
final class NumberRanges {

    private NumberRanges() {
    }

    /** An int >= 0. */
    static final class NonNegativeInt implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int v = parseInt(value);
            if (v < 0) throw new TypeConversionException("must be >= 0, got " + v);
            return v;
        }
    }

    /** An int >= 1. */
    static final class PositiveInt implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int v = parseInt(value);
            if (v < 1) throw new TypeConversionException("must be >= 1, got " + v);
            return v;
        }
    }

    /** A finite float >= 0. */
    static final class NonNegativeFloat implements ITypeConverter<Float> {
        @Override
        public Float convert(String value) {
            float v = parseFloat(value);
            if (!(v >= 0) || Float.isInfinite(v)) throw new TypeConversionException("must be a finite number >= 0, got " + value);
            return v;
        }
    }

    private static int parseInt(String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not an integer");
        }
    }

    private static float parseFloat(String value) {
        try {
            return Float.parseFloat(value.strip());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a number");
        }
    }
}

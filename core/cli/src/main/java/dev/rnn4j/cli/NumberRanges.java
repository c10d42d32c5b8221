package dev.rnn4j.cli;

import java.util.function.Function;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * picocli converters that check a number's range while the command line is parsed, so an out-of-range
 * value is a usage error (exit 2, naming the option) before any data is loaded.
 */
final class NumberRanges {

    private NumberRanges() {
    }

    /**
     * A number parsed by {@code parse} and kept within {@code [min, max]}; {@code minOpen}/{@code maxOpen}
     * exclude the bound itself. NaN and infinities are rejected.
     */
    abstract static class Bounded<T extends Number> implements ITypeConverter<T> {
        private final Function<String, T> parse;
        private final String kind;
        private final double min;
        private final boolean minOpen;
        private final double max;
        private final boolean maxOpen;

        Bounded(Function<String, T> parse, String kind, double min, boolean minOpen, double max, boolean maxOpen) {
            this.parse = parse;
            this.kind = kind;
            this.min = min;
            this.minOpen = minOpen;
            this.max = max;
            this.maxOpen = maxOpen;
        }

        @Override
        public T convert(String value) {
            T v;
            try {
                v = parse.apply(value.strip());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not " + kind);
            }
            double d = v.doubleValue();
            boolean aboveMin = minOpen ? d > min : d >= min;
            boolean belowMax = maxOpen ? d < max : d <= max;
            if (!Double.isFinite(d) || !aboveMin || !belowMax) throw new TypeConversionException("must be " + range() + ", got " + value.strip());
            return v;
        }

        /** "&gt;= 1", "&gt; 0" or "in [0, 1)". */
        String range() {
            if (max == Double.POSITIVE_INFINITY) return (minOpen ? "> " : ">= ") + format(min);
            return "in " + (minOpen ? "(" : "[") + format(min) + ", " + format(max) + (maxOpen ? ")" : "]");
        }

        private static String format(double v) {
            return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
        }
    }

    private static final double INF = Double.POSITIVE_INFINITY;

    /** An int >= 0. */
    static final class NonNegativeInt extends Bounded<Integer> {
        NonNegativeInt() {
            super(Integer::valueOf, "an integer", 0, false, INF, false);
        }
    }

    /** An int >= 1. */
    static final class PositiveInt extends Bounded<Integer> {
        PositiveInt() {
            super(Integer::valueOf, "an integer", 1, false, INF, false);
        }
    }

    /** An int >= 2 (e.g. examples of a two-class task). */
    static final class AtLeastTwo extends Bounded<Integer> {
        AtLeastTwo() {
            super(Integer::valueOf, "an integer", 2, false, INF, false);
        }
    }

    /** A long >= 0. */
    static final class NonNegativeLong extends Bounded<Long> {
        NonNegativeLong() {
            super(Long::valueOf, "an integer", 0, false, INF, false);
        }
    }

    /** A finite float >= 0. */
    static final class NonNegativeFloat extends Bounded<Float> {
        NonNegativeFloat() {
            super(Float::valueOf, "a number", 0, false, INF, false);
        }
    }

    /** A finite float > 0. */
    static final class PositiveFloat extends Bounded<Float> {
        PositiveFloat() {
            super(Float::valueOf, "a number", 0, true, INF, false);
        }
    }

    /** A finite double >= 0. */
    static final class NonNegativeDouble extends Bounded<Double> {
        NonNegativeDouble() {
            super(Double::valueOf, "a number", 0, false, INF, false);
        }
    }

    /** A fraction in [0, 1): a validation split. */
    static final class Fraction extends Bounded<Double> {
        Fraction() {
            super(Double::valueOf, "a number", 0, false, 1, true);
        }
    }

    /** A float rate in [0, 1): a dropout rate. */
    static final class Rate extends Bounded<Float> {
        Rate() {
            super(Float::valueOf, "a number", 0, false, 1, true);
        }
    }

    /** A probability in (0, 1]: top-p. */
    static final class Probability extends Bounded<Double> {
        Probability() {
            super(Double::valueOf, "a number", 0, true, 1, false);
        }
    }
}

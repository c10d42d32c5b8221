package dev.rnn4j.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.ToDoubleBiFunction;

/**
 * How the tests that call PyTorch judge one result, in this order: rnn4j against the project's own
 * double-precision reference (the oracle), PyTorch against the same reference, then rnn4j against PyTorch
 * (the cross-check of conventions: layouts, gate orders, padding rules). A PyTorch result that disagrees with
 * the reference fails with a message saying that PyTorch's own result is wrong, naming the likely cause
 * ({@link PyTorchDefects}), not rnn4j.
 */
public final class ReferenceFirst {

    /** A distance between a float result and expected values, and the bound it must stay within. */
    public record Distance(String name, ToDoubleBiFunction<float[], double[]> measure, double bound) {

        /** ||a − e|| / ||e|| (||a − e|| when e is zero). */
        public static Distance relativeNorm(double bound) {
            return new Distance("norm-wise relative error", (a, e) -> relativeNormError(toDouble(a), e), bound);
        }

        /** max over elements of |a − e| / (atol + rtol·|e|), within 1: every element within atol + rtol·|e|. */
        public static Distance elementwise(double atol, double rtol) {
            return new Distance("max |a - e| / (" + atol + " + " + rtol + "·|e|)", (a, e) -> {
                double worst = 0;
                for (int i = 0; i < e.length; i++) worst = Math.max(worst, Math.abs(a[i] - e[i]) / (atol + rtol * Math.abs(e[i])));
                return worst;
            }, 1);
        }

        /** The distance, NaN counting as out of bounds. */
        public double of(float[] actual, double[] expected) {
            if (actual.length != expected.length) {
                throw new AssertionError("length " + actual.length + " where " + expected.length + " values were expected");
            }
            double d = measure.applyAsDouble(actual, expected);
            return Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
        }
    }

    private ReferenceFirst() {
    }

    /**
     * Asserts rnn4j within {@code distance} of the reference, then PyTorch, then rnn4j of PyTorch. {@code what}
     * names the quantity and the case; {@code knownDefect} is the PyTorch defect to name if PyTorch is the one off.
     */
    public static void check(String what, double[] reference, float[] rnn4j, float[] pytorch, Distance distance, String knownDefect) {
        check(what, reference, rnn4j, pytorch, distance, distance, knownDefect);
    }

    /** The same with a tighter distance for the comparisons with the reference than for rnn4j against PyTorch. */
    public static void check(String what, double[] reference, float[] rnn4j, float[] pytorch, Distance toReference, Distance crossCheck,
                             String knownDefect) {
        double ours = toReference.of(rnn4j, reference);
        assertTrue(ours <= toReference.bound(), "rnn4j's " + what + " disagrees with the double-precision reference: "
                + toReference.name() + " " + ours + " > " + toReference.bound() + "; " + largestDifference("rnn4j", rnn4j, "reference", reference));
        double theirs = toReference.of(pytorch, reference);
        assertTrue(theirs <= toReference.bound(), "PyTorch's own " + what + " is wrong against the double-precision reference: "
                + toReference.name() + " " + theirs + " > " + toReference.bound() + "; "
                + largestDifference("PyTorch", pytorch, "reference", reference)
                + ". rnn4j agrees with the reference (" + ours + "), so this is not an rnn4j failure; "
                + PyTorchDefects.likelyCause(knownDefect));
        double cross = crossCheck.of(rnn4j, toDouble(pytorch));
        assertTrue(cross <= crossCheck.bound(), "rnn4j and PyTorch disagree on " + what + ": " + crossCheck.name() + " " + cross
                + " > " + crossCheck.bound() + " though each is within " + toReference.bound() + " of the double-precision reference (rnn4j "
                + ours + ", PyTorch " + theirs + "); " + largestDifference("rnn4j", rnn4j, "PyTorch", toDouble(pytorch)));
    }

    /** ||a − e|| / ||e|| (||a − e|| when e is zero). */
    public static double relativeNormError(double[] a, double[] e) {
        double diff = 0;
        double ref = 0;
        for (int i = 0; i < e.length; i++) {
            diff += (a[i] - e[i]) * (a[i] - e[i]);
            ref += e[i] * e[i];
        }
        return ref == 0 ? Math.sqrt(diff) : Math.sqrt(diff / ref);
    }

    /** "largest difference at [i]: <side> a, <expectedSide> e". */
    public static String largestDifference(String side, float[] actual, String expectedSide, double[] expected) {
        if (expected.length == 0) return "no elements";
        int worst = largestDifferenceIndex(actual, expected);
        return "largest difference at [" + worst + "]: " + side + " " + actual[worst] + ", " + expectedSide + " " + expected[worst];
    }

    /** The index of the largest |a − e| (a NaN counts as largest); 0 for empty arrays. */
    public static int largestDifferenceIndex(float[] actual, double[] expected) {
        int worst = 0;
        for (int i = 1; i < expected.length; i++) {
            if (!(Math.abs(actual[i] - expected[i]) <= Math.abs(actual[worst] - expected[worst]))) worst = i;
        }
        return worst;
    }

    /** The values widened to double; null stays null. */
    public static double[] toDouble(float[] values) {
        if (values == null) return null;
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) out[i] = values[i];
        return out;
    }
}

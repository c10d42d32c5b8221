package dev.rnn4j.testing;


/** Norm-wise relative error ||a − b|| / ||b|| (absolute when b is zero). */
public final class Norms {

    private Norms() {
    }

    public static double relativeError(float[] a, double[] b) {
        return relativeError(RnnProblem.toDouble(a), b);
    }

    public static double relativeError(double[] a, double[] b) {
        return ReferenceFirst.relativeNormError(a, b);
    }

    public static double relativeError(float[] a, float[] b) {
        return relativeError(a, RnnProblem.toDouble(b));
    }
}

package dev.rnn4j.rnn;

import dev.rnn4j.testing.ReferenceFirst;

/** Norm-wise relative error ||a − b|| / ||b|| (absolute when b is zero). */
final class Norms {

    private Norms() {
    }

    static double relativeError(float[] a, double[] b) {
        return relativeError(RnnProblem.toDouble(a), b);
    }

    static double relativeError(double[] a, double[] b) {
        return ReferenceFirst.relativeNormError(a, b);
    }

    static double relativeError(float[] a, float[] b) {
        return relativeError(a, RnnProblem.toDouble(b));
    }
}

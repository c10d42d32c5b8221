package dev.rnn4j.rnn;

/** Norm-wise relative error ||a − b|| / ||b|| (absolute when b is zero). */
final class Norms {

    private Norms() {
    }

    static double relativeError(float[] a, double[] b) {
        return relativeError(RnnProblem.toDouble(a), b);
    }

    static double relativeError(double[] a, double[] b) {
        double diff = 0;
        double ref = 0;
        for (int i = 0; i < b.length; i++) {
            diff += (a[i] - b[i]) * (a[i] - b[i]);
            ref += b[i] * b[i];
        }
        return ref == 0 ? Math.sqrt(diff) : Math.sqrt(diff / ref);
    }

    static double relativeError(float[] a, float[] b) {
        return relativeError(a, RnnProblem.toDouble(b));
    }
}

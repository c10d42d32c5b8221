package dev.rnn4j.testing;

/** Norm-wise relative error ||a − b|| / ||b|| (absolute when b is zero). */
public final class Norms {

    private Norms() {
    }

    public static double relativeError(float[] a, double[] b) {
        double diff = 0;
        double ref = 0;
        for (int i = 0; i < b.length; i++) {
            diff += (a[i] - b[i]) * (a[i] - b[i]);
            ref += b[i] * b[i];
        }
        return ref == 0 ? Math.sqrt(diff) : Math.sqrt(diff / ref);
    }

    public static double relativeError(float[] a, float[] b) {
        return relativeError(a, RnnProblem.toDouble(b));
    }
}

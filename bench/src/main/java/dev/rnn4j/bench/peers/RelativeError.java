package dev.rnn4j.bench.peers;

/** How far two results of the same computation are apart: max |a - b| / max |b|. */
public final class RelativeError {

    private RelativeError() {
    }

    public static double of(float[] actual, float[] expected) {
        double[] wide = new double[expected.length];
        for (int i = 0; i < expected.length; i++) wide[i] = expected[i];
        return of(actual, wide);
    }

    public static double of(float[] actual, double[] expected) {
        if (actual.length != expected.length) {
            throw new IllegalArgumentException("lengths differ: " + actual.length + " vs " + expected.length);
        }
        double maxDiff = 0;
        double maxRef = 0;
        for (int i = 0; i < actual.length; i++) {
            double diff = Math.abs(actual[i] - expected[i]);
            if (!(diff <= maxDiff)) maxDiff = diff; // NaN propagates into the result
            maxRef = Math.max(maxRef, Math.abs(expected[i]));
        }
        return maxRef == 0 ? maxDiff : maxDiff / maxRef;
    }
}

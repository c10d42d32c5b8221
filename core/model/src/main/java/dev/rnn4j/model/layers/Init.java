package dev.rnn4j.model.layers;

import java.util.SplittableRandom;

/** Weight initializers (Keras' defaults), computed on the host from a seeded stream. */
final class Init {

    private Init() {
    }

    static float[] uniform(SplittableRandom rng, int n, double limit) {
        float[] w = new float[n];
        for (int i = 0; i < n; i++) w[i] = (float) ((rng.nextDouble() * 2 - 1) * limit);
        return w;
    }

    /** Glorot (Xavier) uniform for a [fanOut, fanIn] matrix. */
    static float[] glorotUniform(SplittableRandom rng, int fanOut, int fanIn) {
        return uniform(rng, fanOut * fanIn, Math.sqrt(6.0 / (fanIn + fanOut)));
    }

    /** A [rows, cols] matrix with orthonormal rows or columns (Gram-Schmidt on a Gaussian matrix). */
    static float[] orthogonal(SplittableRandom rng, int rows, int cols) {
        boolean tall = rows >= cols;
        int n = tall ? cols : rows;
        int m = tall ? rows : cols;
        double[][] v = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) v[i][j] = gaussian(rng);
            for (int k = 0; k < i; k++) {
                double dot = 0;
                for (int j = 0; j < m; j++) dot += v[i][j] * v[k][j];
                for (int j = 0; j < m; j++) v[i][j] -= dot * v[k][j];
            }
            double norm = 0;
            for (int j = 0; j < m; j++) norm += v[i][j] * v[i][j];
            norm = Math.sqrt(norm);
            for (int j = 0; j < m; j++) v[i][j] /= norm;
        }
        float[] w = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) w[r * cols + c] = (float) (tall ? v[c][r] : v[r][c]);
        }
        return w;
    }

    private static double gaussian(SplittableRandom rng) {
        double u = rng.nextDouble(), v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}

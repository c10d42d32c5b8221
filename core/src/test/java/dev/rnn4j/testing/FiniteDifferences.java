package dev.rnn4j.testing;

import java.util.function.DoubleSupplier;

/** Central finite differences of a double-precision function, the plainest gradient oracle the tests have. */
public final class FiniteDifferences {

    private FiniteDifferences() {
    }

    /**
     * (L(v + step·e_i) − L(v − step·e_i)) / (2·step) for every element i of {@code v}, which is perturbed in
     * place and restored; {@code loss} reads v.
     */
    public static double[] central(double[] v, double step, DoubleSupplier loss) {
        double[] g = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            double keep = v[i];
            v[i] = keep + step;
            double plus = loss.getAsDouble();
            v[i] = keep - step;
            double minus = loss.getAsDouble();
            v[i] = keep;
            g[i] = (plus - minus) / (2 * step);
        }
        return g;
    }
}

package dev.rnn4j.testing;

import java.util.function.DoubleSupplier;
import java.util.stream.IntStream;

/** Central finite differences of a double-precision function, the plainest gradient oracle the tests have. */
public final class FiniteDifferences {

    private FiniteDifferences() {
    }

    /**
     * (L(v + step·e_i) − L(v − step·e_i)) / (2·step) for every element i of {@code v}, which is perturbed in
     * place and restored; {@code loss} reads v.
     */
    public static double[] central(double[] v, double step, DoubleSupplier loss) {
        return central(v, IntStream.range(0, v.length).toArray(), step, loss);
    }

    /** The same at the elements {@code indices} only, in their order. */
    public static double[] central(double[] v, int[] indices, double step, DoubleSupplier loss) {
        double[] g = new double[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            double keep = v[i];
            v[i] = keep + step;
            double plus = loss.getAsDouble();
            v[i] = keep - step;
            double minus = loss.getAsDouble();
            v[i] = keep;
            g[k] = (plus - minus) / (2 * step);
        }
        return g;
    }
}

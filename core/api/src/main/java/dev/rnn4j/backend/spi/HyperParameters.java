package dev.rnn4j.backend.spi;

/**
 * The scalar arguments of the optimizer and dropout kernels, checked the same way on every backend so a
 * call that one backend accepts is never rejected by another. Ranges follow PyTorch.
 */
public final class HyperParameters {

    private HyperParameters() {
    }

    /** lr finite; momentum finite and >= 0. */
    public static void sgd(float lr, float momentum) {
        finite("sgdStep", "lr", lr);
        nonNegative("sgdStep", "momentum", momentum);
    }

    /** lr finite; betas in [0, 1); eps finite and >= 0; step >= 1. */
    public static void adam(float lr, float beta1, float beta2, float eps, long step) {
        finite("adamStep", "lr", lr);
        unitInterval("adamStep", "beta1", beta1);
        unitInterval("adamStep", "beta2", beta2);
        nonNegative("adamStep", "eps", eps);
        if (step < 1) throw new IllegalArgumentException("adamStep: step must be >= 1 (1 for the first update), got " + step);
    }

    /** lr finite; rho in [0, 1); eps finite and >= 0. */
    public static void rmsprop(float lr, float rho, float eps) {
        finite("rmspropStep", "lr", lr);
        unitInterval("rmspropStep", "rho", rho);
        nonNegative("rmspropStep", "eps", eps);
    }

    /** rate in [0, 1] (1 drops everything, as torch.nn.functional.dropout with p=1). */
    public static void dropoutRate(float rate) {
        if (!(rate >= 0f && rate <= 1f)) throw new IllegalArgumentException("dropoutMask: rate must be in [0, 1], got " + rate);
    }

    private static void finite(String op, String name, float v) {
        if (!Float.isFinite(v)) throw new IllegalArgumentException(op + ": " + name + " must be finite, got " + v);
    }

    private static void unitInterval(String op, String name, float v) {
        if (!(v >= 0f && v < 1f)) throw new IllegalArgumentException(op + ": " + name + " must be in [0, 1), got " + v);
    }

    private static void nonNegative(String op, String name, float v) {
        if (!(v >= 0f) || Float.isInfinite(v)) throw new IllegalArgumentException(op + ": " + name + " must be finite and >= 0, got " + v);
    }
}

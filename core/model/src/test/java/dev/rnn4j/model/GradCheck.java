package dev.rnn4j.model;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.model.ops.HostData;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Finite-difference gradient checker. The forward runs in float32 through the real backend; the objective
 * L = Σ out ⊙ R (R fixed random) is accumulated in double on the host; derivatives are central differences
 * with step {@code eps} = 1e-2 (large enough that float32 rounding, ~1e-6 in L, is ~1e-4 of the difference;
 * small enough that the O(eps²) truncation stays below the tolerance). Checked: up to {@code samples}
 * single elements of each tensor and one random direction over all of its elements, against the tape's
 * gradient, with |fd - analytic| <= atol + rtol·max(|fd|, |analytic|).
 */
public final class GradCheck {

    public interface Forward {
        Variable run(GradientTape tape, List<Variable> inputs);
    }

    private final Backend backend;
    private double eps = 1e-2;
    private double rtol = 2e-2;
    private double atol = 2e-3;
    private int samples = 6;

    public GradCheck(Backend backend) {
        this.backend = backend;
    }

    public GradCheck tolerance(double rtol, double atol) {
        this.rtol = rtol;
        this.atol = atol;
        return this;
    }

    public GradCheck eps(double e) {
        this.eps = e;
        return this;
    }

    /** Checks d L / d (each watched input and each parameter). */
    public void check(Forward forward, List<Tensor> inputs, List<Parameter> params, long seed) {
        float[] r;
        List<float[]> analytic = new ArrayList<>();
        try (GradientTape tape = GradientTape.open(backend, true, seed)) {
            List<Variable> vars = new ArrayList<>();
            for (Tensor t : inputs) vars.add(tape.watch(t));
            Variable out = forward.run(tape, vars);
            r = weights(out.value().elementCount(), seed);
            tape.backward(weightedSum(tape, out, r));
            for (Variable v : vars) analytic.add(v.grad() == null ? new float[(int) v.value().elementCount()] : HostData.floats(backend, v.grad()));
            for (Parameter p : params) analytic.add(HostData.floats(backend, p.grad()));
        }
        List<Tensor> targets = new ArrayList<>(inputs);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) names.add("input " + i);
        for (Parameter p : params) {
            targets.add(p.value());
            names.add(p.name());
        }
        SplittableRandom rng = new SplittableRandom(seed + 17);
        for (int k = 0; k < targets.size(); k++) {
            Tensor t = targets.get(k);
            float[] g = analytic.get(k);
            float[] base = HostData.floats(backend, t);
            int n = base.length;
            for (int s = 0; s < Math.min(samples, n); s++) {
                int idx = rng.nextInt(n);
                float[] dir = new float[n];
                dir[idx] = 1f;
                compare(names.get(k) + "[" + idx + "]", directional(forward, inputs, t, base, dir, r, seed), g[idx]);
            }
            float[] dir = new float[n];
            double dot = 0;
            for (int i = 0; i < n; i++) {
                dir[i] = (float) (rng.nextDouble() * 2 - 1);
                dot += dir[i] * (double) g[i];
            }
            compare(names.get(k) + " (random direction)", directional(forward, inputs, t, base, dir, r, seed), dot);
        }
    }

    private void compare(String what, double fd, double an) {
        double tol = atol + rtol * Math.max(Math.abs(fd), Math.abs(an));
        if (!(Math.abs(fd - an) <= tol)) fail("gradient of " + what + ": finite difference " + fd + " vs analytic " + an);
    }

    private double directional(Forward forward, List<Tensor> inputs, Tensor t, float[] base, float[] dir, float[] r, long seed) {
        double plus = objective(forward, inputs, t, shifted(base, dir, eps), r, seed);
        double minus = objective(forward, inputs, t, shifted(base, dir, -eps), r, seed);
        upload(base, t);
        return (plus - minus) / (2 * eps);
    }

    private static float[] shifted(float[] base, float[] dir, double e) {
        float[] v = base.clone();
        for (int i = 0; i < v.length; i++) v[i] = (float) (base[i] + e * dir[i]);
        return v;
    }

    private double objective(Forward forward, List<Tensor> inputs, Tensor t, float[] values, float[] r, long seed) {
        upload(values, t);
        try (GradientTape tape = GradientTape.open(backend, true, seed)) {
            List<Variable> vars = new ArrayList<>();
            for (Tensor in : inputs) vars.add(tape.watch(in));
            float[] out = HostData.floats(backend, forward.run(tape, vars).value());
            double sum = 0;
            for (int i = 0; i < out.length; i++) sum += (double) out[i] * r[i];
            return sum;
        }
    }

    private void upload(float[] values, Tensor t) {
        try (TensorScope s = TensorScope.open()) {
            backend.copy(s.fromArray(values, t.shape()), t);
        }
    }

    /** A host tensor in {@code scope} with values uniform in [-1, 1) from {@code seed}. */
    static Tensor uniform(TensorScope scope, long seed, long... shape) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] v = new float[(int) dev.rnn4j.tensor.Shapes.elementCount(shape)];
        for (int i = 0; i < v.length; i++) v[i] = (float) (rng.nextDouble() * 2 - 1);
        return scope.fromArray(v, shape);
    }

    static float[] weights(long n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed * 31 + 7);
        float[] r = new float[(int) n];
        for (int i = 0; i < r.length; i++) r[i] = (float) (rng.nextDouble() * 2 - 1);
        return r;
    }

    /** L = Σ out ⊙ r as a scalar on the tape. */
    static Variable weightedSum(GradientTape tape, Variable out, float[] r) {
        Backend b = tape.backend();
        float[] o = HostData.floats(b, out.value());
        double s = 0;
        for (int i = 0; i < o.length; i++) s += (double) o[i] * r[i];
        Tensor value = tape.allocate(1);
        b.fill(value, (float) s);
        Variable loss = tape.result(value, null, out);
        tape.onBackward(() -> {
            if (loss.grad() == null) return;
            Tensor rt = dev.rnn4j.model.ops.HostData.upload(tape, r, out.shape());
            b.axpby(1f, rt, 1f, out.gradBuffer());
        });
        return loss;
    }

    static void assertClose(double expected, double actual, double rel, String what) {
        assertTrue(Math.abs(expected - actual) <= rel * Math.max(1e-6, Math.abs(expected)), what + ": expected " + expected + ", got " + actual);
    }
}

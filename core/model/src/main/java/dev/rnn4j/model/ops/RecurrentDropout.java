package dev.rnn4j.model.ops;

import dev.rnn4j.backend.CounterRandom;
import dev.rnn4j.model.GradientTape;
import dev.rnn4j.model.Variable;
import dev.rnn4j.tensor.Tensor;

/**
 * The masks of Keras' {@code dropout} and {@code recurrent_dropout} in a recurrent layer: one inverted-dropout
 * mask per sequence (0 with probability {@code rate}, else 1/(1 - rate)), the same at every time step. Each
 * mask takes the tape's next seed and is drawn on the host with {@link CounterRandom#dropoutScale}, the
 * function every backend's dropout kernel computes, so a seeded pass gives the same masks on every backend.
 */
public final class RecurrentDropout {

    private RecurrentDropout() {
    }

    /** {@code rate}, checked to be in [0, 1); {@code option} names it in the message. */
    public static float checkRate(String option, float rate) {
        if (!(rate >= 0f && rate < 1f)) throw new IllegalArgumentException(option + " must be in [0, 1), got " + rate);
        return rate;
    }

    /** Row-major [rows, width] mask values from {@code seed}. */
    public static float[] scales(long seed, float rate, int rows, int width) {
        float[] m = new float[Math.multiplyExact(rows, width)];
        for (int i = 0; i < m.length; i++) m[i] = CounterRandom.dropoutScale(seed, i, rate);
        return m;
    }

    /** A [rows, width] mask on the tape's device (the recurrent mask, [batch, units]). */
    public static Tensor mask(GradientTape tape, float rate, long rows, long width) {
        return HostData.upload(tape, scales(tape.nextSeed(), rate, Math.toIntExact(rows), Math.toIntExact(width)), rows, width);
    }

    /** x [B, T, F] times one [F] mask row per sequence, repeated over time; the mask of x is kept. */
    public static Variable onInputs(GradientTape tape, Variable x, float rate) {
        if (x.rank() != 3) throw new IllegalArgumentException("recurrent dropout needs inputs [batch, time, features], got " + x.value().describe());
        int b = (int) x.dim(0), t = (int) x.dim(1), f = (int) x.dim(2);
        float[] perSequence = scales(tape.nextSeed(), rate, b, f);
        float[] overTime = new float[Math.multiplyExact(Math.multiplyExact(b, t), f)];
        for (int i = 0; i < b; i++) {
            for (int s = 0; s < t; s++) System.arraycopy(perSequence, i * f, overTime, (i * t + s) * f, f);
        }
        return ElementwiseOps.multiplyByConstant(tape, x, HostData.upload(tape, overTime, b, t, f));
    }
}

package dev.rnn4j.model.ops;

import dev.rnn4j.backend.Activation;
import dev.rnn4j.backend.Backend;
import dev.rnn4j.backend.BinaryOp;
import dev.rnn4j.model.GradientTape;
import dev.rnn4j.model.SequenceMask;
import dev.rnn4j.model.Variable;
import dev.rnn4j.tensor.Tensor;

import java.util.Arrays;

/**
 * Activations, softmax, dropout and elementwise arithmetic on the tape. Masks pass through. Every kernel here writes
 * each element of its output, so outputs are {@link GradientTape#allocateForOverwrite} tensors.
 */
public final class ElementwiseOps {

    private ElementwiseOps() {
    }

    public static Variable activation(GradientTape tape, Variable x, Activation f) {
        if (f == Activation.IDENTITY) return x;
        Backend backend = tape.backend();
        Tensor y = tape.allocateForOverwrite(x.shape());
        backend.activation(f, x.value(), y);
        Variable out = tape.result(y, x.mask(), x);
        tape.onBackward(() -> {
            if (out.grad() == null || !x.requiresGrad()) return;
            Tensor dx = tape.allocateForOverwrite(x.shape());
            backend.activationBackward(f, y, out.grad(), dx);
            backend.axpby(1f, dx, 1f, x.gradBuffer());
        });
        return out;
    }

    /** Softmax over the last dimension. */
    public static Variable softmax(GradientTape tape, Variable x) {
        Backend backend = tape.backend();
        Tensor y = tape.allocateForOverwrite(x.shape());
        backend.softmax(x.value(), y, false);
        Variable out = tape.result(y, x.mask(), x);
        tape.onBackward(() -> {
            if (out.grad() == null || !x.requiresGrad()) return;
            Tensor dx = tape.allocateForOverwrite(x.shape());
            backend.softmaxBackward(y, out.grad(), dx, false);
            backend.axpby(1f, dx, 1f, x.gradBuffer());
        });
        return out;
    }

    /** Inverted dropout: in training each element is zeroed with probability {@code rate}, others scaled by 1/(1-rate). */
    public static Variable dropout(GradientTape tape, Variable x, float rate) {
        if (!tape.training() || rate == 0f) return x;
        Backend backend = tape.backend();
        Tensor mask = tape.allocateForOverwrite(x.shape());
        backend.dropoutMask(mask, rate, tape.nextSeed());
        return multiplyByConstant(tape, x, mask);
    }

    /** x ⊙ c for a constant tensor c of x's shape. */
    public static Variable multiplyByConstant(GradientTape tape, Variable x, Tensor c) {
        Backend backend = tape.backend();
        Tensor y = tape.allocateForOverwrite(x.shape());
        backend.binary(BinaryOp.MUL, x.value(), c, y);
        Variable out = tape.result(y, x.mask(), x);
        tape.onBackward(() -> {
            if (out.grad() == null || !x.requiresGrad()) return;
            Tensor dx = tape.allocateForOverwrite(x.shape());
            backend.binary(BinaryOp.MUL, out.grad(), c, dx);
            backend.axpby(1f, dx, 1f, x.gradBuffer());
        });
        return out;
    }

    /** a + b, a - b or a ⊙ b (same shapes), times {@code scale}. */
    public static Variable combine(GradientTape tape, BinaryOp op, Variable a, Variable b, float scale) {
        if (op == BinaryOp.DIV) throw new IllegalArgumentException("combine supports ADD, SUB, MUL");
        if (!Arrays.equals(a.shape(), b.shape())) {
            throw new IllegalArgumentException(op + ": shapes differ: " + a.value().describe() + " vs " + b.value().describe());
        }
        Backend backend = tape.backend();
        Tensor y = tape.allocateForOverwrite(a.shape());
        backend.binary(op, a.value(), b.value(), y);
        if (scale != 1f) backend.axpby(0f, y, scale, y);
        Variable out = tape.result(y, a.mask() != null ? a.mask() : b.mask(), a, b);
        tape.onBackward(() -> {
            Tensor dy = out.grad();
            if (dy == null) return;
            if (op == BinaryOp.MUL) {
                Tensor t = tape.allocateForOverwrite(a.shape());
                if (a.requiresGrad()) {
                    backend.binary(BinaryOp.MUL, dy, b.value(), t);
                    backend.axpby(scale, t, 1f, a.gradBuffer());
                }
                if (b.requiresGrad()) {
                    backend.binary(BinaryOp.MUL, dy, a.value(), t);
                    backend.axpby(scale, t, 1f, b.gradBuffer());
                }
            } else {
                if (a.requiresGrad()) backend.axpby(scale, dy, 1f, a.gradBuffer());
                if (b.requiresGrad()) backend.axpby(op == BinaryOp.SUB ? -scale : scale, dy, 1f, b.gradBuffer());
            }
        });
        return out;
    }

    /** A view of x with another shape (same elements) carrying {@code mask}, gradient passed through. */
    public static Variable reshape(GradientTape tape, Variable x, SequenceMask mask, long... shape) {
        Tensor y = x.value().reshape(shape);
        Variable out = tape.result(y, mask, x);
        tape.onBackward(() -> {
            if (out.grad() == null || !x.requiresGrad()) return;
            tape.backend().axpby(1f, out.grad(), 1f, x.gradBuffer().reshape(shape));
        });
        return out;
    }
}

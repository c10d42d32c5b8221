package dev.rnn4j.model.ops;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.model.GradientTape;
import dev.rnn4j.model.Variable;
import dev.rnn4j.tensor.Tensor;

/**
 * Pooling over time: the mask-aware mean (a row of length 0, all padding, averages to zeros and receives no
 * gradient) and the max over every step (Keras' GlobalMaxPooling1D does not use the mask).
 */
public final class PoolingOps {

    private PoolingOps() {
    }

    /** x [B, T, F] → [B, F], averaging each row's valid steps (its mask: padded after or before them). */
    public static Variable globalAverage(GradientTape tape, Variable masked) {
        if (masked.rank() != 3) throw new IllegalArgumentException("global average pooling needs [batch, time, features], got " + masked.value().describe());
        Backend backend = tape.backend();
        Variable x = GatherOps.validStepsFirst(tape, masked);
        int b = (int) x.dim(0);
        int[] mask = x.seqLengths();
        int[] lengths = mask == null ? null : new int[b];
        boolean anyEmpty = false;
        for (int i = 0; mask != null && i < b; i++) {
            lengths[i] = Math.max(1, mask[i]);
            anyEmpty |= mask[i] == 0;
        }
        boolean empty = anyEmpty;
        Tensor out = tape.allocate(b, x.dim(2));
        backend.globalAveragePool(x.value(), lengths, out);
        if (empty) for (int i = 0; i < b; i++) if (mask[i] == 0) backend.fill(out.select(0, i), 0f);
        Variable result = tape.result(out, null, x);
        tape.onBackward(() -> {
            if (result.grad() == null || !x.requiresGrad()) return;
            Tensor dOut = result.grad();
            if (empty) {
                Tensor copy = tape.allocate(dOut.shape());
                backend.copy(dOut, copy);
                for (int i = 0; i < b; i++) if (mask[i] == 0) backend.fill(copy.select(0, i), 0f);
                dOut = copy;
            }
            Tensor dx = tape.allocate(x.shape());
            backend.globalAveragePoolBackward(dOut, lengths, dx);
            backend.axpby(1f, dx, 1f, x.gradBuffer());
        });
        return result;
    }

    /**
     * x [B, T, F] → [B, F], the largest value over all T steps of each (row, feature); the mask is not used,
     * as in Keras, and the output has none. The winners are found on a host copy (the first of equal maxima),
     * then gathered on the device; the gradient goes to the winning step only (a scatter-add).
     */
    public static Variable globalMax(GradientTape tape, Variable x) {
        if (x.rank() != 3) throw new IllegalArgumentException("global max pooling needs [batch, time, features], got " + x.value().describe());
        int b = (int) x.dim(0), t = (int) x.dim(1), f = (int) x.dim(2);
        float[] v = HostData.floats(tape.backend(), x.value());
        int[] ids = new int[b * f];
        for (int i = 0; i < b; i++) {
            for (int k = 0; k < f; k++) {
                int best = (i * t) * f + k;
                for (int s = 1; s < t; s++) {
                    int at = (i * t + s) * f + k;
                    if (v[at] > v[best] || Float.isNaN(v[at]) && !Float.isNaN(v[best])) best = at;
                }
                ids[i * f + k] = best;
            }
        }
        Variable scalars = ElementwiseOps.reshape(tape, x, null, (long) b * t * f, 1);
        return ElementwiseOps.reshape(tape, GatherOps.rows(tape, scalars, ids, null, (long) b * f, 1), null, b, f);
    }
}

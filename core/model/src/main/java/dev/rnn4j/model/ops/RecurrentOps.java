package dev.rnn4j.model.ops;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.model.GradientTape;
import dev.rnn4j.model.SequenceMask;
import dev.rnn4j.model.Variable;
import dev.rnn4j.rnn.RnnDataDescriptor;
import dev.rnn4j.rnn.RnnDataLayout;
import dev.rnn4j.rnn.RnnForwardMode;
import dev.rnn4j.rnn.RnnPlan;
import dev.rnn4j.rnn.RnnSpaceSizes;
import dev.rnn4j.tensor.Tensor;

/**
 * One call of the backend's RNN primitive (one layer, one direction, batch-major) on the tape. The mask
 * becomes the descriptor's seqLengths, so padded steps cost nothing. The primitive needs lengths >= 1: a row
 * of length 0 (all padding) is run with length 1 and then fixed up: its outputs are zero, its final state is
 * its initial state, and in backward its output gradients are dropped and its state gradient passes through.
 */
public final class RecurrentOps {

    private RecurrentOps() {
    }

    /** Outputs: y [B, T, H] (carrying the post-padded mask of {@code seqLengths}), the final h [B, H] and, for LSTM, the final c [B, H]. */
    public record Result(Variable sequence, Variable lastH, Variable lastC) {
    }

    /**
     * @param weightSpace  the plan's flat weights; {@code weightGrad} its gradient (null: weights not trained)
     * @param h0, c0       initial states [B, H] or null (zeros)
     */
    public static Result run(GradientTape tape, RnnPlan plan, Variable x, int[] seqLengths, Tensor weightSpace, Tensor weightGrad,
                             Variable h0, Variable c0) {
        Backend backend = tape.backend();
        var desc = plan.descriptor();
        if (desc.numLayers() != 1 || desc.bidirectional()) throw new IllegalArgumentException("RecurrentOps runs one layer, one direction");
        if (x.rank() != 3) throw new IllegalArgumentException("recurrent input must be [batch, time, features], got " + x.value().describe());
        int b = (int) x.dim(0), t = (int) x.dim(1), f = (int) x.dim(2), h = desc.hiddenSize();
        if (f != desc.inputSize()) throw new IllegalArgumentException("recurrent input has " + f + " features, the layer was built for " + desc.inputSize());
        boolean lstm = desc.mode().hasCellState();
        checkState(h0, b, h, "initial h");
        checkState(c0, b, h, "initial c");
        int[] lengths = new int[b];
        int[] planLengths = new int[b];
        boolean anyEmpty = false;
        for (int i = 0; i < b; i++) {
            lengths[i] = seqLengths == null ? t : seqLengths[i];
            if (lengths[i] < 0 || lengths[i] > t) throw new IllegalArgumentException("seqLengths[" + i + "] = " + lengths[i] + " outside [0, " + t + "]");
            planLengths[i] = Math.max(1, lengths[i]);
            anyEmpty |= lengths[i] == 0;
        }
        boolean empty = anyEmpty;
        RnnDataDescriptor xDesc = new RnnDataDescriptor(t, b, f, planLengths, RnnDataLayout.BATCH_MAJOR);
        RnnForwardMode mode = tape.training() ? RnnForwardMode.TRAINING : RnnForwardMode.INFERENCE;
        // the primitive writes all of y (zeros past each row's length), hy and cy
        Tensor y = tape.allocateForOverwrite(b, t, h);
        Tensor hy = tape.allocateForOverwrite(1, b, h);
        Tensor cy = lstm ? tape.allocateForOverwrite(1, b, h) : null;
        Tensor hx = h0 == null ? null : h0.value().reshape(1, b, h);
        Tensor cx = c0 == null || !lstm ? null : c0.value().reshape(1, b, h);
        RnnSpaceSizes sizes = plan.spaceSizes(mode, xDesc);
        // the primitive writes its spaces before reading them: reused scratch, not zero-filled each pass
        Tensor work = sizes.workSpaceSize() > 0 ? tape.workspace(sizes.workSpaceSize()) : null;
        Tensor reserve = sizes.reserveSpaceSize() > 0 ? tape.workspace(sizes.reserveSpaceSize()) : null;
        plan.forward(mode, xDesc, x.value(), y, hx, hy, cx, cy, weightSpace, work, reserve);
        if (anyEmpty) {
            for (int i = 0; i < b; i++) {
                if (lengths[i] != 0) continue;
                backend.fill(y.select(0, i), 0f);
                restoreRow(backend, hx, hy, i);
                if (lstm) restoreRow(backend, cx, cy, i);
            }
        }
        boolean grad = weightGrad != null || x.requiresGrad() || (h0 != null && h0.requiresGrad()) || (c0 != null && c0.requiresGrad());
        Variable sequence = tape.output(y, seqLengths == null ? null : SequenceMask.post(lengths), grad);
        Variable lastH = tape.output(hy.reshape(b, h), null, grad);
        Variable lastC = lstm ? tape.output(cy.reshape(b, h), null, grad) : null;
        if (mode == RnnForwardMode.TRAINING && grad) {
            tape.onBackward(() -> {
                if (sequence.grad() == null && lastH.grad() == null && (lastC == null || lastC.grad() == null)) return;
                Tensor dy = sequence.grad() != null ? sequence.grad() : tape.allocate(b, t, h);
                Tensor dhy = copyOrNull(tape, lastH.grad(), b, h);
                Tensor dcy = lastC == null ? null : copyOrNull(tape, lastC.grad(), b, h);
                Tensor savedDhy = empty ? copyOrNull(tape, lastH.grad(), b, h) : null;
                Tensor savedDcy = empty && lastC != null ? copyOrNull(tape, lastC.grad(), b, h) : null;
                if (empty) {
                    for (int i = 0; i < b; i++) {
                        if (lengths[i] != 0) continue;
                        backend.fill(dy.select(0, i), 0f);
                        if (dhy != null) backend.fill(dhy.select(0, 0).select(0, i), 0f);
                        if (dcy != null) backend.fill(dcy.select(0, 0).select(0, i), 0f);
                    }
                }
                Tensor dx = tape.workspace(b, t, f); // every element written by backwardData, then added into x's gradient
                Tensor dhx = h0 != null && h0.requiresGrad() ? tape.allocate(1, b, h) : null;
                Tensor dcx = c0 != null && c0.requiresGrad() && lstm ? tape.allocate(1, b, h) : null;
                plan.backwardData(xDesc, y, dy, dx, hx, dhy, dhx, cx, dcy, dcx, weightSpace, work, reserve);
                if (weightGrad != null) plan.backwardWeights(xDesc, x.value(), hx, y, weightGrad, work, reserve);
                if (x.requiresGrad()) backend.axpby(1f, dx, 1f, x.gradBuffer());
                if (empty) {
                    for (int i = 0; i < b; i++) {
                        if (lengths[i] != 0) continue;
                        if (dhx != null && savedDhy != null) backend.copy(savedDhy.select(0, 0).select(0, i), dhx.select(0, 0).select(0, i));
                        if (dcx != null && savedDcy != null) backend.copy(savedDcy.select(0, 0).select(0, i), dcx.select(0, 0).select(0, i));
                    }
                }
                if (dhx != null) backend.axpby(1f, dhx.reshape(b, h), 1f, h0.gradBuffer());
                if (dcx != null) backend.axpby(1f, dcx.reshape(b, h), 1f, c0.gradBuffer());
            });
        }
        return new Result(sequence, lastH, lastC);
    }

    private static void checkState(Variable s, int b, int h, String what) {
        if (s == null) return;
        if (s.rank() != 2 || s.dim(0) != b || s.dim(1) != h) {
            throw new IllegalArgumentException(what + " must be [" + b + ", " + h + "], got " + s.value().describe());
        }
    }

    private static void restoreRow(Backend backend, Tensor initial, Tensor fin, int row) {
        Tensor dst = fin.select(0, 0).select(0, row);
        if (initial == null) backend.fill(dst, 0f);
        else backend.copy(initial.select(0, 0).select(0, row), dst);
    }

    /** A [1, B, H] copy of a [B, H] gradient (scratch of the op), or null. */
    private static Tensor copyOrNull(GradientTape tape, Tensor g, int b, int h) {
        if (g == null) return null;
        Tensor c = tape.workspace(1, b, h);
        tape.backend().copy(g.reshape(1, b, h), c);
        return c;
    }
}

package dev.rnn4j.model.ops;

import dev.rnn4j.backend.Activation;
import dev.rnn4j.backend.BinaryOp;
import dev.rnn4j.model.GradientTape;
import dev.rnn4j.model.SequenceMask;
import dev.rnn4j.model.Variable;
import dev.rnn4j.rnn.RnnMode;
import dev.rnn4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * One recurrent layer (one direction, batch-major) run step by step from ops on the tape: GEMMs, pointwise
 * activations and arithmetic, row gathers and copies, the calls every backend has. It computes what
 * {@link RecurrentOps} gets from the fused RNN primitive (same weights, same gate equations as cuDNN and
 * PyTorch, same padding rules: outputs past a sequence's length are zero, its state stays at its last valid
 * step), and takes one thing the primitive cannot: a mask on the state that enters the recurrent product,
 * {@code R·(h ⊙ m)} (Keras' recurrent dropout). The backward comes from the ops.
 *
 * <p>Layout: the inputs are gathered once into time-major [T, B, F] and projected per gate with one GEMM
 * for all steps; each step reads its [B, H] slices (contiguous views) and the outputs are stacked into
 * [T, B, H] and gathered back to [B, T, H]. Every operand of every call is contiguous, as the CUDA kernels need.
 */
public final class RecurrentStepOps {

    private RecurrentStepOps() {
    }

    /**
     * @param weights   weight_ih [G·H, F], weight_hh [G·H, H], bias_ih [G·H], bias_hh [G·H] (PyTorch's names and
     *                  gate order: i, f, g, o for LSTM; r, z, n for GRU)
     * @param h0, c0    initial states [B, H] or null (zeros)
     * @param stateMask [B, H] multiplier of the state in the recurrent product at every step, or null (none)
     */
    public static RecurrentOps.Result run(GradientTape tape, RnnMode mode, Variable x, int[] seqLengths, List<Variable> weights,
                                          Variable h0, Variable c0, Tensor stateMask) {
        if (x.rank() != 3) throw new IllegalArgumentException("recurrent input must be [batch, time, features], got " + x.value().describe());
        if (weights.size() != 4) throw new IllegalArgumentException("a recurrent layer has 4 weights, got " + weights.size());
        int b = (int) x.dim(0), t = (int) x.dim(1), f = (int) x.dim(2);
        int gates = mode.gates();
        Variable wIh = weights.get(0), wHh = weights.get(1), bIh = weights.get(2), bHh = weights.get(3);
        int h = (int) wHh.dim(1);
        requireShape(wIh, "weight_ih", (long) gates * h, f);
        requireShape(wHh, "weight_hh", (long) gates * h, h);
        requireShape(bIh, "bias_ih", (long) gates * h);
        requireShape(bHh, "bias_hh", (long) gates * h);
        if (h0 != null) requireShape(h0, "initial h", b, h);
        if (c0 != null && mode.hasCellState()) requireShape(c0, "initial c", b, h);
        if (stateMask != null && (stateMask.rank() != 2 || stateMask.dim(0) != b || stateMask.dim(1) != h)) {
            throw new IllegalArgumentException("state mask must be [" + b + ", " + h + "], got " + stateMask.describe());
        }
        int[] lengths = lengths(seqLengths, b, t);

        Variable inputs = GatherOps.rows(tape, x, reorder(b, t), null, t, b, f);
        List<Variable> projected = new ArrayList<>();
        List<Variable> recurrent = new ArrayList<>();
        List<Variable> recurrentBias = new ArrayList<>();
        for (int g = 0; g < gates; g++) {
            long from = (long) g * h, to = from + h;
            projected.add(LinearOps.linear(tape, inputs, ShapeOps.leadingSlice(tape, wIh, from, to), ShapeOps.leadingSlice(tape, bIh, from, to)));
            recurrent.add(ShapeOps.leadingSlice(tape, wHh, from, to));
            recurrentBias.add(ShapeOps.leadingSlice(tape, bHh, from, to));
        }

        Variable hPrev = h0 != null ? h0 : tape.constant(tape.allocate(b, h));
        Variable cPrev = !mode.hasCellState() ? null : c0 != null ? c0 : tape.constant(tape.allocate(b, h));
        List<Variable> outputs = new ArrayList<>(t);
        for (int s = 0; s < t; s++) {
            Variable hm = stateMask == null ? hPrev : ElementwiseOps.multiplyByConstant(tape, hPrev, stateMask);
            Step step = new Step(tape, s, hm, projected, recurrent, recurrentBias);
            Variable hNew;
            Variable cNew = null;
            switch (mode) {
                case LSTM -> {
                    Variable i = step.gate(0, Activation.SIGMOID), fg = step.gate(1, Activation.SIGMOID);
                    Variable g = step.gate(2, Activation.TANH), o = step.gate(3, Activation.SIGMOID);
                    cNew = ElementwiseOps.combine(tape, BinaryOp.ADD, ElementwiseOps.combine(tape, BinaryOp.MUL, fg, cPrev, 1f),
                            ElementwiseOps.combine(tape, BinaryOp.MUL, i, g, 1f), 1f);
                    hNew = ElementwiseOps.combine(tape, BinaryOp.MUL, o, ElementwiseOps.activation(tape, cNew, Activation.TANH), 1f);
                }
                case GRU -> {
                    Variable r = step.gate(0, Activation.SIGMOID), z = step.gate(1, Activation.SIGMOID);
                    Variable candidate = ElementwiseOps.combine(tape, BinaryOp.MUL, r, step.recurrentPart(2), 1f);
                    Variable n = ElementwiseOps.activation(tape, ElementwiseOps.combine(tape, BinaryOp.ADD, step.inputPart(2), candidate, 1f), Activation.TANH);
                    // h' = (1 - z)·n + z·h = n + z·(h - n)
                    hNew = ElementwiseOps.combine(tape, BinaryOp.ADD, n,
                            ElementwiseOps.combine(tape, BinaryOp.MUL, z, ElementwiseOps.combine(tape, BinaryOp.SUB, hPrev, n, 1f), 1f), 1f);
                }
                default -> hNew = step.gate(0, mode == RnnMode.RNN_RELU ? Activation.RELU : Activation.TANH);
            }
            Tensor valid = validRows(tape, lengths, s, h);
            if (valid == null) {
                outputs.add(hNew);
                hPrev = hNew;
                cPrev = cNew;
            } else {
                outputs.add(ElementwiseOps.multiplyByConstant(tape, hNew, valid));
                hPrev = keepWhereInvalid(tape, hPrev, hNew, valid);
                if (cNew != null) cPrev = keepWhereInvalid(tape, cPrev, cNew, valid);
            }
        }
        Variable stacked = ShapeOps.stack(tape, outputs);
        Variable sequence = GatherOps.rows(tape, stacked, reorder(t, b), lengths == null ? null : SequenceMask.post(lengths), b, t, h);
        return new RecurrentOps.Result(sequence, hPrev, cPrev);
    }

    /** The pre-activations of one step: the step's slice of the input projection plus R·h_masked + b_R, per gate. */
    private record Step(GradientTape tape, int s, Variable maskedState, List<Variable> projected, List<Variable> recurrent,
                        List<Variable> recurrentBias) {

        Variable inputPart(int gate) {
            return ShapeOps.index(tape, projected.get(gate), s);
        }

        Variable recurrentPart(int gate) {
            return LinearOps.linear(tape, maskedState, recurrent.get(gate), recurrentBias.get(gate));
        }

        Variable gate(int gate, Activation f) {
            return ElementwiseOps.activation(tape, ElementwiseOps.combine(tape, BinaryOp.ADD, inputPart(gate), recurrentPart(gate), 1f), f);
        }
    }

    /** previous + valid·(next − previous): the new state where the row is still running, the old one past its end. */
    private static Variable keepWhereInvalid(GradientTape tape, Variable previous, Variable next, Tensor valid) {
        Variable change = ElementwiseOps.multiplyByConstant(tape, ElementwiseOps.combine(tape, BinaryOp.SUB, next, previous, 1f), valid);
        return ElementwiseOps.combine(tape, BinaryOp.ADD, previous, change, 1f);
    }

    /** A [B, H] mask of the rows still running at step s (1) and those past their length (0); null when all run. */
    private static Tensor validRows(GradientTape tape, int[] lengths, int s, int h) {
        boolean all = true;
        for (int len : lengths) all &= s < len;
        if (all) return null;
        float[] v = new float[lengths.length * h];
        for (int i = 0; i < lengths.length; i++) if (s < lengths[i]) java.util.Arrays.fill(v, i * h, (i + 1) * h, 1f);
        return HostData.upload(tape, v, lengths.length, h);
    }

    /**
     * Row ids that turn an [outer, inner] arrangement of rows into [inner, outer]: output row (j·outer + i)
     * reads input row (i·inner + j). (B, T) makes batch-major rows time-major; (T, B) makes them batch-major again.
     */
    private static int[] reorder(int outer, int inner) {
        int[] ids = new int[outer * inner];
        for (int j = 0; j < inner; j++) {
            for (int i = 0; i < outer; i++) ids[j * outer + i] = i * inner + j;
        }
        return ids;
    }

    private static int[] lengths(int[] seqLengths, int b, int t) {
        int[] lengths = new int[b];
        for (int i = 0; i < b; i++) {
            lengths[i] = seqLengths == null ? t : seqLengths[i];
            if (lengths[i] < 0 || lengths[i] > t) throw new IllegalArgumentException("seqLengths[" + i + "] = " + lengths[i] + " outside [0, " + t + "]");
        }
        return lengths;
    }

    private static void requireShape(Variable v, String what, long... shape) {
        if (!java.util.Arrays.equals(v.shape(), shape)) {
            throw new IllegalArgumentException(what + " must be " + dev.rnn4j.tensor.Shapes.toString(shape) + ", got " + v.value().describe());
        }
    }
}

package dev.rnn4j.model.ops;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.model.GradientTape;
import dev.rnn4j.model.SequenceMask;
import dev.rnn4j.model.Variable;
import dev.rnn4j.tensor.Tensor;

import java.util.List;

/** Concatenation along the last axis and batched matrix products, with their backward. */
public final class ShapeOps {

    private ShapeOps() {
    }

    /**
     * Inputs [..., f_i] (same leading dims) → [..., Σ f_i]. The output's mask is Keras': a step is valid when it is
     * valid in any input, so an input without a mask makes every step valid (no mask), and masks padded on the
     * same side combine to the longer length per row.
     */
    public static Variable concatLast(GradientTape tape, List<Variable> parts) {
        Backend backend = tape.backend();
        Variable first = parts.getFirst();
        int axis = first.rank() - 1;
        long total = 0;
        SequenceMask mask = null;
        boolean unmasked = false;
        for (Variable p : parts) {
            if (p.rank() != first.rank()) throw new IllegalArgumentException("concatenate: ranks differ: " + first.value().describe() + " vs " + p.value().describe());
            for (int d = 0; d < axis; d++) {
                if (p.dim(d) != first.dim(d)) throw new IllegalArgumentException("concatenate: leading dims differ: " + first.value().describe() + " vs " + p.value().describe());
            }
            total += p.dim(axis);
            if (p.mask() == null) unmasked = true;
            else mask = mask == null ? p.mask() : union(mask, p.mask());
        }
        if (unmasked) mask = null;
        long[] shape = first.shape();
        shape[axis] = total;
        Tensor out = tape.allocate(shape);
        long offset = 0;
        long[] offsets = new long[parts.size()];
        for (int i = 0; i < parts.size(); i++) {
            offsets[i] = offset;
            long w = parts.get(i).dim(axis);
            backend.copy(parts.get(i).value(), out.slice(axis, offset, offset + w));
            offset += w;
        }
        Variable result = tape.result(out, mask, parts.toArray(Variable[]::new));
        tape.onBackward(() -> {
            if (result.grad() == null) return;
            for (int i = 0; i < parts.size(); i++) {
                Variable p = parts.get(i);
                if (!p.requiresGrad()) continue;
                Tensor piece = tape.allocate(p.shape());
                backend.copy(result.grad().slice(axis, offsets[i], offsets[i] + p.dim(axis)), piece);
                backend.axpby(1f, piece, 1f, p.gradBuffer());
            }
        });
        return result;
    }

    private static SequenceMask union(SequenceMask a, SequenceMask b) {
        if (a.equals(b)) return a;
        if (a.padding() != b.padding() || a.rows() != b.rows()) {
            throw new IllegalArgumentException("concatenate: the inputs' masks (" + a + " and " + b + ") cannot be combined into one padded mask");
        }
        int[] lengths = new int[a.rows()];
        for (int i = 0; i < lengths.length; i++) lengths[i] = Math.max(a.length(i), b.length(i));
        return new SequenceMask(lengths, a.padding());
    }

    /** a [B, M, K] · op(b) with op(b) = b [B, K, N] or, with {@code transB}, bᵀ for b [B, N, K] → [B, M, N]. */
    public static Variable batchedMatmul(GradientTape tape, Variable a, Variable b, boolean transB) {
        Backend backend = tape.backend();
        if (a.rank() != 3 || b.rank() != 3 || a.dim(0) != b.dim(0)) {
            throw new IllegalArgumentException("batched matmul needs [B, M, K] and [B, ., .], got " + a.value().describe() + " and " + b.value().describe());
        }
        long k = a.dim(2);
        if ((transB ? b.dim(2) : b.dim(1)) != k) {
            throw new IllegalArgumentException("batched matmul: inner dims differ: " + a.value().describe() + " and " + b.value().describe() + (transB ? " (transposed)" : ""));
        }
        long n = transB ? b.dim(1) : b.dim(2);
        Tensor c = tape.allocate(a.dim(0), a.dim(1), n);
        backend.gemm(false, transB, 1f, a.value(), b.value(), 0f, c);
        Variable result = tape.result(c, null, a, b);
        tape.onBackward(() -> {
            Tensor dc = result.grad();
            if (dc == null) return;
            if (a.requiresGrad()) backend.gemm(false, !transB, 1f, dc, b.value(), 1f, a.gradBuffer());
            if (b.requiresGrad()) {
                if (transB) backend.gemm(true, false, 1f, dc, a.value(), 1f, b.gradBuffer());
                else backend.gemm(true, false, 1f, a.value(), dc, 1f, b.gradBuffer());
            }
        });
        return result;
    }
}

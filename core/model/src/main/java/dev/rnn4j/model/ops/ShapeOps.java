package dev.rnn4j.model.ops;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.model.GradientTape;
import dev.rnn4j.model.SequenceMask;
import dev.rnn4j.model.Variable;
import dev.rnn4j.tensor.Tensor;

import java.util.List;

/**
 * Concatenation along the last axis, stacking and slicing along the first, and batched matrix products, with
 * their backward. Slices along the first axis of a contiguous tensor are contiguous views, which every
 * backend's kernels accept (the CUDA kernels index linearly and take only contiguous operands).
 */
public final class ShapeOps {

    private ShapeOps() {
    }

    /**
     * Inputs [..., f_i] (same leading dims) → [..., Σ f_i]. The output's mask is Keras': a step is valid when it is
     * valid in any input, so an input without a mask makes every step valid (no mask), and masks padded on the
     * same side combine to the longer length per row. Each part is placed with the backend's scatter-add (element
     * by element into the zeroed output, so the copy is exact) and its gradient read back with a gather: the
     * columns of a part are not contiguous in the output, and a strided copy is something the CUDA backend's copy
     * does not do.
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
        long rows = first.value().elementCount() / Math.max(1, first.dim(axis));
        if (rows * total > Integer.MAX_VALUE) throw new IllegalArgumentException("concatenate: " + rows * total + " elements exceed the int32 element ids it uses");
        Tensor out = tape.allocate(shape);
        long elements = rows * total;
        Tensor table = out.reshape(elements, 1);
        List<Tensor> ids = new java.util.ArrayList<>();
        long offset = 0;
        for (Variable p : parts) {
            int w = (int) p.dim(axis);
            int[] at = new int[(int) (rows * w)];
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < w; j++) at[r * w + j] = (int) (r * total + offset + j);
            }
            Tensor idTensor = HostData.uploadInts(tape, at, at.length);
            ids.add(idTensor);
            backend.embeddingScatterAdd(contiguous(tape, p.value()).reshape(at.length, 1), idTensor, table);
            offset += w;
        }
        Variable result = tape.result(out, mask, parts.toArray(Variable[]::new));
        tape.onBackward(() -> {
            if (result.grad() == null) return;
            Tensor gradTable = result.grad().reshape(elements, 1);
            for (int i = 0; i < parts.size(); i++) {
                Variable p = parts.get(i);
                if (!p.requiresGrad()) continue;
                Tensor piece = tape.allocateForOverwrite(ids.get(i).elementCount(), 1);
                backend.embeddingGather(gradTable, ids.get(i), piece);
                backend.axpby(1f, piece, 1f, p.gradBuffer().reshape(piece.shape()));
            }
        });
        return result;
    }

    /** {@code t} itself when contiguous, else a contiguous copy in the tape's scope. */
    private static Tensor contiguous(GradientTape tape, Tensor t) {
        if (t.isContiguous()) return t;
        Tensor c = tape.allocateForOverwrite(t.shape());
        tape.backend().copy(t, c);
        return c;
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
        Tensor c = tape.allocateForOverwrite(a.dim(0), a.dim(1), n);
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

    /** Rows [from, to) of x along its first axis, as a view; their gradient flows back into those rows of x's. */
    public static Variable leadingSlice(GradientTape tape, Variable x, long from, long to) {
        Variable out = tape.result(x.value().slice(0, from, to), null, x);
        tape.onBackward(() -> {
            if (out.grad() == null || !x.requiresGrad()) return;
            tape.backend().axpby(1f, out.grad(), 1f, x.gradBuffer().slice(0, from, to));
        });
        return out;
    }

    /** Entry {@code index} of x along its first axis (one dimension fewer), as a view, with its gradient flowing back. */
    public static Variable index(GradientTape tape, Variable x, long index) {
        Variable out = tape.result(x.value().select(0, index), null, x);
        tape.onBackward(() -> {
            if (out.grad() == null || !x.requiresGrad()) return;
            tape.backend().axpby(1f, out.grad(), 1f, x.gradBuffer().select(0, index));
        });
        return out;
    }

    /** Parts of one shape [...] stacked into [n, ...] (a copy); each part's gradient is its entry of the result's. */
    public static Variable stack(GradientTape tape, List<Variable> parts) {
        Backend backend = tape.backend();
        long[] shape = parts.getFirst().shape();
        for (Variable p : parts) {
            if (!java.util.Arrays.equals(p.shape(), shape)) {
                throw new IllegalArgumentException("stack: shapes differ: " + parts.getFirst().value().describe() + " vs " + p.value().describe());
            }
        }
        long[] stacked = new long[shape.length + 1];
        stacked[0] = parts.size();
        System.arraycopy(shape, 0, stacked, 1, shape.length);
        Tensor out = tape.allocateForOverwrite(stacked); // every entry copied in
        for (int i = 0; i < parts.size(); i++) backend.copy(parts.get(i).value(), out.select(0, i));
        Variable result = tape.result(out, null, parts.toArray(Variable[]::new));
        tape.onBackward(() -> {
            if (result.grad() == null) return;
            for (int i = 0; i < parts.size(); i++) {
                if (parts.get(i).requiresGrad()) backend.axpby(1f, result.grad().select(0, i), 1f, parts.get(i).gradBuffer());
            }
        });
        return result;
    }
}

package dev.rnn4j.cpu;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector helpers shared by the gate kernels: loads and stores of one lane block of a row (masked, so that
 * the row's tail needs no second code path), and the activations of the gate math.
 */
final class GateVectors {

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int LANES = S.length();
    private static final ByteOrder NO = ByteOrder.nativeOrder();
    /** Constants as vectors: an operation with a scalar operand broadcasts it on every call. */
    static final FloatVector ONE = FloatVector.broadcast(S, 1f);
    static final FloatVector ZERO = FloatVector.zero(S);

    private GateVectors() {
    }

    /**
     * The mask of the lane block starting at element {@code j} of a row of {@code width}: all lanes but on the
     * row's tail. Always a mask (never a null for "full"): a vector merged from a masked and an unmasked path
     * cannot stay in registers and would be allocated on the heap per lane block.
     */
    static VectorMask<Float> tail(int j, int width) {
        return S.indexInRange(j, width);
    }

    static FloatVector load(MemorySegment s, long byteOffset, VectorMask<Float> m) {
        return FloatVector.fromMemorySegment(S, s, byteOffset, NO, m);
    }

    static void store(FloatVector v, MemorySegment s, long byteOffset, VectorMask<Float> m) {
        v.intoMemorySegment(s, byteOffset, NO, m);
    }

    /**
     * One gate of a row, hidden units [from, to) from byte offset {@code gate}: gates = σ or tanh of
     * (gates + hr + b_W + b_R). A loop of its own, so that the compiled kernels stay small enough for
     * every vector to stay in registers.
     */
    static void activate(GateRow r, long gate, int from, int to, boolean tanh) {
        for (int j = from; j < to; j += LANES) {
            VectorMask<Float> m = tail(j, to);
            long o = gate + j * 4L;
            FloatVector a = load(r.store, r.gates + o, m).add(load(r.work, r.hr + o, m))
                    .add(load(r.work, r.biasW + o, m)).add(load(r.work, r.biasR + o, m));
            if (tanh) {
                store(tanh(a), r.store, r.gates + o, m);
            } else {
                store(sigmoid(a), r.store, r.gates + o, m);
            }
        }
    }

    static FloatVector sigmoid(FloatVector a) {
        return ONE.div(a.neg().lanewise(VectorOperators.EXP).add(ONE));
    }

    static FloatVector tanh(FloatVector a) {
        return a.lanewise(VectorOperators.TANH);
    }

    /** σ'(a) from s = σ(a): s·(1 − s). */
    static FloatVector sigmoidSlope(FloatVector s) {
        return s.mul(ONE.sub(s));
    }

    /** tanh'(a) from t = tanh(a): 1 − t². */
    static FloatVector tanhSlope(FloatVector t) {
        return ONE.sub(t.mul(t));
    }

    /** dst[0, width) += sum over {@code rows} rows (stride {@code ld} floats) of src; row by row, so src streams once. */
    static void addColumnSums(MemorySegment src, long srcFloat, int rows, int ld, int width, MemorySegment dst, long dstFloat) {
        for (int r = 0; r < rows; r++) {
            long row = srcFloat + (long) r * ld;
            for (int j = 0; j < width; j += LANES) {
                VectorMask<Float> m = tail(j, width);
                long at = (dstFloat + j) * 4;
                store(load(dst, at, m).add(load(src, (row + j) * 4, m)), dst, at, m);
            }
        }
    }

    /** dst[i] = a[i] * b[i] for {@code count} floats. */
    static void multiply(MemorySegment a, long aFloat, MemorySegment b, long bFloat, MemorySegment dst, long dstFloat, long count) {
        for (long i = 0; i < count; i += LANES) {
            VectorMask<Float> m = S.indexInRange(0, (int) Math.min(LANES, count - i));
            store(load(a, (aFloat + i) * 4, m).mul(load(b, (bFloat + i) * 4, m)), dst, (dstFloat + i) * 4, m);
        }
    }
}

package dev.rnn4j.cpu.internal;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector helpers shared by the gate kernels: loads and stores of one lane block of a row, and the
 * activations of the gate math.
 *
 * <p>A kernel walks a row as a loop over its full lane blocks, unmasked (a {@code null} mask), then at most
 * one masked tail block ({@link #tail}), each through the same block method: masked memory access costs
 * about twice an unmasked one here even with every lane set, and a mask chosen per iteration (null or not)
 * merges two vector paths, which C2 cannot keep in registers. With the block method inlined at both call
 * sites, each copy sees a constant mask and keeps only its own path.
 *
 * <p>The activations use no Vector API transcendental ({@code lanewise(EXP)}, {@code TANH}): those may round
 * differently when intrinsified by C2 than in their Java fallback, which made results depend on when the JIT
 * compiled a kernel. {@link #exp}, {@link #expm1}, {@link #sigmoid} and {@link #tanh} are built from adds,
 * multiplies, fmas, one division and exponent bit arithmetic, which are exactly rounded in every execution
 * mode, so the same inputs give the same bits in every run (within about 2 ulp of the true values).
 */
final class GateVectors {

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int LANES = S.length();
    private static final ByteOrder NO = ByteOrder.nativeOrder();
    /** Constants as vectors: an operation with a scalar operand broadcasts it on every call. */
    static final FloatVector ONE = FloatVector.broadcast(S, 1f);
    static final FloatVector ZERO = FloatVector.zero(S);

    private static final FloatVector V_LOG2E = FloatVector.broadcast(S, 1.44269504088896341f);
    /** ln 2 = LN2_HI + LN2_LO, the high part exact in float (Cody–Waite), negated for the reduction. */
    private static final FloatVector V_MINUS_LN2_HI = FloatVector.broadcast(S, -0.693359375f);
    private static final FloatVector V_MINUS_LN2_LO = FloatVector.broadcast(S, 2.12194440e-4f);
    /** 1.5·2^23: adding it rounds a float of magnitude below 2^22 to an integer. */
    private static final FloatVector V_ROUNDER = FloatVector.broadcast(S, 12582912f);
    private static final IntVector EXPONENT_BIAS = IntVector.broadcast(IntVector.SPECIES_PREFERRED, 127 << 23);
    private static final FloatVector V_HALF = FloatVector.broadcast(S, 0.5f);
    private static final FloatVector V_INV_6 = FloatVector.broadcast(S, 1f / 6f);
    private static final FloatVector V_INV_24 = FloatVector.broadcast(S, 1f / 24f);
    private static final FloatVector V_INV_120 = FloatVector.broadcast(S, 1f / 120f);
    private static final FloatVector V_INV_720 = FloatVector.broadcast(S, 1f / 720f);
    private static final FloatVector V_INV_5040 = FloatVector.broadcast(S, 1f / 5040f);
    private static final FloatVector V_TWO = FloatVector.broadcast(S, 2f);
    private static final FloatVector V_MINUS_TWO = FloatVector.broadcast(S, -2f);
    /** Arguments are clamped here so 2^n stays a normal float (e^-87 ≈ 1.6e-38, e^88 ≈ 1.7e38). */
    private static final FloatVector EXP_MIN = FloatVector.broadcast(S, -87f);
    private static final FloatVector EXP_MAX = FloatVector.broadcast(S, 88f);

    private GateVectors() {
    }

    /** The mask of the tail block of a row of {@code width} that starts at element {@code j} (fewer than LANES left). */
    static VectorMask<Float> tail(int j, int width) {
        return S.indexInRange(j, width);
    }

    /** One lane block: unmasked when {@code m} is null (a full block), else only the lanes of {@code m}. */
    static FloatVector load(MemorySegment s, long byteOffset, VectorMask<Float> m) {
        return m == null ? FloatVector.fromMemorySegment(S, s, byteOffset, NO) : FloatVector.fromMemorySegment(S, s, byteOffset, NO, m);
    }

    /** Stores one lane block as {@link #load} reads it. */
    static void store(FloatVector v, MemorySegment s, long byteOffset, VectorMask<Float> m) {
        if (m == null) {
            v.intoMemorySegment(s, byteOffset, NO);
        } else {
            v.intoMemorySegment(s, byteOffset, NO, m);
        }
    }

    /** One lane block of a heap array, as {@link #load(MemorySegment, long, VectorMask)}. */
    static FloatVector load(float[] a, int index, VectorMask<Float> m) {
        return m == null ? FloatVector.fromArray(S, a, index) : FloatVector.fromArray(S, a, index, m);
    }

    /** Stores one lane block of a heap array, as {@link #load(float[], int, VectorMask)} reads it. */
    static void store(FloatVector v, float[] a, int index, VectorMask<Float> m) {
        if (m == null) {
            v.intoArray(a, index);
        } else {
            v.intoArray(a, index, m);
        }
    }

    /**
     * One lane block of a tile row, unmasked: a tile row holds NR floats, and a block starting below the row's
     * unit count ends within it (the lanes past the units are scratch, never stored to memory). Fewer nodes for
     * C2 than a masked load, which keeps the gate blocks small enough to inline.
     */
    static FloatVector tile(float[] t, int index) {
        return FloatVector.fromArray(S, t, index);
    }

    /** Stores one lane block of a tile row, unmasked (see {@link #tile}). */
    static void tile(FloatVector v, float[] t, int index) {
        v.intoArray(t, index);
    }

    /*
     * The activations run as passes of their own over a tile (rows of a heap array), never inside a larger
     * kernel: their polynomial expansions are long enough that a kernel inlining them grows past what C2 keeps
     * in vector registers, and then vectors are boxed on the heap (measured: the LSTM forward took ~1.7x as long).
     */

    /**
     * t = σ(t + bias) in place for {@code rows} rows of {@code units} floats of a tile: row r from
     * {@code off + r·ldt}; the same bias row (from byte {@code biasOffset} of {@code bias}) for every row.
     */
    static void sigmoidTile(float[] t, int off, int rows, int ldt, int units, MemorySegment bias, long biasOffset) {
        for (int r = 0; r < rows; r++) {
            int row = off + r * ldt;
            int j = 0;
            for (; j <= units - LANES; j += LANES) sigmoidBlock(t, row + j, bias, biasOffset + j * 4L, null);
            if (j < units) sigmoidBlock(t, row + j, bias, biasOffset + j * 4L, tail(j, units));
        }
    }

    private static void sigmoidBlock(float[] t, int at, MemorySegment bias, long biasAt, VectorMask<Float> m) {
        tile(sigmoid(tile(t, at).add(load(bias, biasAt, m))), t, at);
    }

    /** t = tanh(t + bias) in place, for a tile as {@link #sigmoidTile}. */
    static void tanhTile(float[] t, int off, int rows, int ldt, int units, MemorySegment bias, long biasOffset) {
        for (int r = 0; r < rows; r++) {
            int row = off + r * ldt;
            int j = 0;
            for (; j <= units - LANES; j += LANES) tanhBlock(t, row + j, bias, biasOffset + j * 4L, null);
            if (j < units) tanhBlock(t, row + j, bias, biasOffset + j * 4L, tail(j, units));
        }
    }

    private static void tanhBlock(float[] t, int at, MemorySegment bias, long biasAt, VectorMask<Float> m) {
        tile(tanh(tile(t, at).add(load(bias, biasAt, m))), t, at);
    }

    /** t = tanh(t) in place, for a tile as {@link #sigmoidTile} without a bias (whole lane blocks: tile rows are padded). */
    static void tanhTile(float[] t, int off, int rows, int ldt, int units) {
        for (int r = 0; r < rows; r++) {
            int row = off + r * ldt;
            for (int j = 0; j < units; j += LANES) tile(tanh(tile(t, row + j)), t, row + j);
        }
    }

    /** σ(a) = 1 / (1 + e^−a). */
    static FloatVector sigmoid(FloatVector a) {
        return ONE.div(exp(a.neg()).add(ONE));
    }

    /** tanh(a) = −expm1(−2|a|) / (2 + expm1(−2|a|)), sign restored; exact near 0 because expm1 is. */
    static FloatVector tanh(FloatVector a) {
        FloatVector e = expm1(a.abs().mul(V_MINUS_TWO));
        FloatVector magnitude = e.div(e.add(V_TWO)).abs();
        return magnitude.blend(magnitude.neg(), a.compare(VectorOperators.LT, ZERO));
    }

    /** e^x = 2^n · (1 + q). */
    static FloatVector exp(FloatVector x) {
        FloatVector c = x.max(EXP_MIN).min(EXP_MAX);
        FloatVector shifted = c.fma(V_LOG2E, V_ROUNDER);
        FloatVector scale = twoTo(shifted);
        return scale.fma(reducedExpm1(c, shifted.sub(V_ROUNDER)), scale);
    }

    /** e^x − 1 = 2^n · q + (2^n − 1), accurate for small |x| (n = 0 there, and q has no constant term). */
    static FloatVector expm1(FloatVector x) {
        FloatVector c = x.max(EXP_MIN).min(EXP_MAX);
        FloatVector shifted = c.fma(V_LOG2E, V_ROUNDER);
        FloatVector scale = twoTo(shifted);
        return scale.fma(reducedExpm1(c, shifted.sub(V_ROUNDER)), scale.sub(ONE));
    }

    /** q = e^r − 1 for r = x − n·ln 2 (|r| ≤ ln2/2, Cody–Waite split of ln 2): Taylor series to r^7 (truncation below 1e-8). */
    private static FloatVector reducedExpm1(FloatVector x, FloatVector n) {
        FloatVector r = n.fma(V_MINUS_LN2_HI, x).add(n.mul(V_MINUS_LN2_LO));
        FloatVector q = r.fma(V_INV_5040, V_INV_720);
        q = q.fma(r, V_INV_120);
        q = q.fma(r, V_INV_24);
        q = q.fma(r, V_INV_6);
        q = q.fma(r, V_HALF);
        q = q.fma(r, ONE);
        return q.mul(r);
    }

    /**
     * 2^n from {@code shifted} = x·log2(e) + 1.5·2^23, whose low mantissa bits hold n = round(x·log2(e)):
     * shifting its bits left by 23 leaves exactly n·2^23 (the constant's own bits shift out), and adding
     * 127·2^23 makes the exponent field of 2^n. n is in [-126, 127] after the clamp: a normal float.
     */
    private static FloatVector twoTo(FloatVector shifted) {
        return shifted.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23).add(EXPONENT_BIAS).reinterpretAsFloats();
    }

    /** σ'(a) from s = σ(a): s·(1 − s). */
    static FloatVector sigmoidSlope(FloatVector s) {
        return s.mul(ONE.sub(s));
    }

    /** tanh'(a) from t = tanh(a): 1 − t². */
    static FloatVector tanhSlope(FloatVector t) {
        return ONE.sub(t.mul(t));
    }

    /** Rows of a segment (from byte {@code dst}, {@code dstStride} bytes apart) += {@code rows} rows of {@code units} floats of a tile. */
    static void addTile(float[] t, int off, int ldt, int rows, int units, MemorySegment s, long dst, long dstStride) {
        for (int r = 0; r < rows; r++) {
            int row = off + r * ldt;
            long at = dst + r * dstStride;
            int j = 0;
            for (; j <= units - LANES; j += LANES) addTileBlock(t, row + j, s, at + j * 4L, null);
            if (j < units) addTileBlock(t, row + j, s, at + j * 4L, tail(j, units));
        }
    }

    private static void addTileBlock(float[] t, int at, MemorySegment s, long dst, VectorMask<Float> m) {
        store(load(s, dst, m).add(tile(t, at)), s, dst, m);
    }

    /** dst[0, width) += sum over {@code rows} rows (stride {@code ld} floats) of src; row by row, so src streams once. */
    static void addColumnSums(MemorySegment src, long srcFloat, int rows, int ld, int width, MemorySegment dst, long dstFloat) {
        for (int r = 0; r < rows; r++) {
            long row = srcFloat + (long) r * ld;
            int j = 0;
            for (; j <= width - LANES; j += LANES) addBlock(src, (row + j) * 4, dst, (dstFloat + j) * 4, null);
            if (j < width) addBlock(src, (row + j) * 4, dst, (dstFloat + j) * 4, tail(j, width));
        }
    }

    private static void addBlock(MemorySegment src, long srcAt, MemorySegment dst, long dstAt, VectorMask<Float> m) {
        store(load(dst, dstAt, m).add(load(src, srcAt, m)), dst, dstAt, m);
    }

    /** dst[i] = a[i] * b[i] for {@code count} floats. */
    static void multiply(MemorySegment a, long aFloat, MemorySegment b, long bFloat, MemorySegment dst, long dstFloat, long count) {
        lanewise(VectorOperators.MUL, a, aFloat, b, bFloat, dst, dstFloat, count);
    }

    /** dst[i] = a[i] + b[i] for {@code count} floats. */
    static void add(MemorySegment a, long aFloat, MemorySegment b, long bFloat, MemorySegment dst, long dstFloat, long count) {
        lanewise(VectorOperators.ADD, a, aFloat, b, bFloat, dst, dstFloat, count);
    }

    private static void lanewise(VectorOperators.Binary op, MemorySegment a, long aFloat, MemorySegment b, long bFloat, MemorySegment dst,
                                 long dstFloat, long count) {
        for (long i = 0; i < count; i += LANES) {
            VectorMask<Float> m = S.indexInRange(0, (int) Math.min(LANES, count - i));
            store(load(a, (aFloat + i) * 4, m).lanewise(op, load(b, (bFloat + i) * 4, m)), dst, (dstFloat + i) * 4, m);
        }
    }
}

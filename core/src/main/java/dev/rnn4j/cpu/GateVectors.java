package dev.rnn4j.cpu;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector helpers shared by the gate kernels: loads and stores of one lane block of a row (masked on the
 * row's tail, where {@code m} is non-null), and the activations of the gate math.
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
    private static final FloatVector ONE = FloatVector.broadcast(S, 1f);

    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    /** 1.5·2^23: adding it rounds a float of magnitude below 2^22 to an integer. */
    private static final float ROUNDER = 12582912f;
    /** Arguments are clamped here so 2^n stays a normal float (e^-87 ≈ 1.6e-38, e^88 ≈ 1.7e38). */
    private static final float EXP_MIN = -87f;
    private static final float EXP_MAX = 88f;

    private GateVectors() {
    }

    /** The tail mask of the lane block starting at element {@code j} of a row of {@code width}, or null when it is full. */
    static VectorMask<Float> tail(int j, int width) {
        return j + LANES <= width ? null : S.indexInRange(j, width);
    }

    static FloatVector load(MemorySegment s, long byteOffset, VectorMask<Float> m) {
        return m == null ? FloatVector.fromMemorySegment(S, s, byteOffset, NO) : FloatVector.fromMemorySegment(S, s, byteOffset, NO, m);
    }

    static void store(FloatVector v, MemorySegment s, long byteOffset, VectorMask<Float> m) {
        if (m == null) {
            v.intoMemorySegment(s, byteOffset, NO);
        } else {
            v.intoMemorySegment(s, byteOffset, NO, m);
        }
    }

    /** σ(a) = 1 / (1 + e^−a). */
    static FloatVector sigmoid(FloatVector a) {
        return ONE.div(exp(a.neg()).add(1f));
    }

    /** tanh(a) = −expm1(−2|a|) / (2 + expm1(−2|a|)), sign restored; exact near 0 because expm1 is. */
    static FloatVector tanh(FloatVector a) {
        FloatVector e = expm1(a.abs().mul(-2f));
        FloatVector magnitude = e.div(e.add(2f)).abs();
        return magnitude.blend(magnitude.neg(), a.lt(0f));
    }

    /** e^x. */
    static FloatVector exp(FloatVector x) {
        FloatVector[] parts = expParts(x);
        return parts[1].fma(parts[0], parts[1]);
    }

    /** e^x − 1, accurate for small |x| (no cancellation: the polynomial has no constant term). */
    static FloatVector expm1(FloatVector x) {
        FloatVector[] parts = expParts(x);
        return parts[1].fma(parts[0], parts[1].sub(1f));
    }

    /**
     * e^x = 2^n · (1 + q) with n = round(x / ln 2), r = x − n·ln 2 (|r| ≤ ln2/2, Cody–Waite split of ln 2) and
     * q = e^r − 1 by its Taylor series to r^7 (truncation below 1e-8). Returns {q, 2^n}.
     */
    private static FloatVector v(float c) {
        return FloatVector.broadcast(S, c);
    }

    private static FloatVector[] expParts(FloatVector x) {
        FloatVector clamped = x.max(EXP_MIN).min(EXP_MAX);
        FloatVector n = clamped.fma(LOG2E, ROUNDER).sub(ROUNDER);
        FloatVector r = n.fma(v(-LN2_HI), clamped).add(n.mul(-LN2_LO));
        FloatVector q = r.fma(1f / 5040f, 1f / 720f);
        q = q.fma(r, v(1f / 120f));
        q = q.fma(r, v(1f / 24f));
        q = q.fma(r, v(1f / 6f));
        q = q.fma(r, v(0.5f));
        q = q.fma(r, ONE);
        q = q.mul(r);
        IntVector exponent = (IntVector) n.convert(VectorOperators.F2I, 0);
        FloatVector twoToN = exponent.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return new FloatVector[] {q, twoToN};
    }

    /** σ'(a) from s = σ(a): s·(1 − s). */
    static FloatVector sigmoidSlope(FloatVector s) {
        return s.mul(s.neg().add(1f));
    }

    /** tanh'(a) from t = tanh(a): 1 − t². */
    static FloatVector tanhSlope(FloatVector t) {
        return t.mul(t).neg().add(1f);
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
            VectorMask<Float> m = i + LANES <= count ? null : S.indexInRange(0, (int) (count - i));
            store(load(a, (aFloat + i) * 4, m).mul(load(b, (bFloat + i) * 4, m)), dst, (dstFloat + i) * 4, m);
        }
    }
}

package dev.rnn4j.cpu.internal;

import static dev.rnn4j.cpu.internal.SgemmKernel.F;
import static dev.rnn4j.cpu.internal.SgemmKernel.L;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;

/**
 * Dot products of A rows with weight rows read in place, for a time step that runs once per call (a one-token
 * step): packing the weights would cost more than the product. Vectors run along k: 8 accumulators, 2 A rows
 * (heap) × 4 weight rows (a segment), left in a heap array (the W x and the R h part of a gate in two sets,
 * added lane-wise), each summed over its lanes by {@link #sum} in a fixed order (not {@code reduceLanes}, whose
 * order is unspecified), so every result has the same bits in every run.
 */
final class SgemmDotTiles {

    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();
    /** Lane i ↔ lane i xor s: the steps of the lane-sum tree (s < L only). */
    private static final VectorShuffle<Float> XOR8 = L > 8 ? xor(8) : null;
    private static final VectorShuffle<Float> XOR4 = L > 4 ? xor(4) : null;
    private static final VectorShuffle<Float> XOR2 = xor(2);
    private static final VectorShuffle<Float> XOR1 = xor(1);

    static {
        if (L > 16 || L < 4) throw new IllegalStateException("rnn4j's CPU kernels support 4 to 16 float lanes, this JVM prefers " + L);
    }

    private SgemmDotTiles() {
    }

    private static VectorShuffle<Float> xor(int s) {
        return VectorShuffle.fromOp(F, lane -> lane ^ s);
    }

    /**
     * acc vector {@code 4·i + j} (from {@code accOff}, L floats each) = the lane-wise products over k in [0, kc) of A
     * row i ({@code a0} or {@code a1}, heap) and weight row j (byte offsets {@code w0..w3} in {@code w}). Whole
     * vectors of k here, unmasked, from zero accumulators (one vector path, which C2 keeps in registers); the
     * last partial vector in {@link #tail}.
     */
    static void dot2x4(int kc, float[] a, int a0, int a1, MemorySegment w, long w0, long w1, long w2, long w3, float[] acc, int accOff) {
        FloatVector z = FloatVector.zero(F);
        FloatVector c0 = z, c1 = z, c2 = z, c3 = z, c4 = z, c5 = z, c6 = z, c7 = z;
        int full = kc - kc % L;
        for (int p = 0; p < full; p += L) {
            long o = p * 4L;
            FloatVector x = FloatVector.fromArray(F, a, a0 + p), y = FloatVector.fromArray(F, a, a1 + p);
            FloatVector v0 = FloatVector.fromMemorySegment(F, w, w0 + o, NATIVE), v1 = FloatVector.fromMemorySegment(F, w, w1 + o, NATIVE);
            FloatVector v2 = FloatVector.fromMemorySegment(F, w, w2 + o, NATIVE), v3 = FloatVector.fromMemorySegment(F, w, w3 + o, NATIVE);
            c0 = x.fma(v0, c0); c1 = x.fma(v1, c1); c2 = x.fma(v2, c2); c3 = x.fma(v3, c3);
            c4 = y.fma(v0, c4); c5 = y.fma(v1, c5); c6 = y.fma(v2, c6); c7 = y.fma(v3, c7);
        }
        c0.intoArray(acc, accOff);
        c1.intoArray(acc, accOff + L);
        c2.intoArray(acc, accOff + 2 * L);
        c3.intoArray(acc, accOff + 3 * L);
        c4.intoArray(acc, accOff + 4 * L);
        c5.intoArray(acc, accOff + 5 * L);
        c6.intoArray(acc, accOff + 6 * L);
        c7.intoArray(acc, accOff + 7 * L);
        if (full < kc) tail(full, kc, a, a0, a1, w, w0, w1, w2, w3, acc, accOff);
    }

    /** The masked last vector of k, [p, kc), added into the 8 accumulators in {@code acc}. */
    private static void tail(int p, int kc, float[] a, int a0, int a1, MemorySegment w, long w0, long w1, long w2, long w3, float[] acc,
                             int accOff) {
        VectorMask<Float> m = F.indexInRange(p, kc);
        long o = p * 4L;
        FloatVector x = FloatVector.fromArray(F, a, a0 + p, m), y = FloatVector.fromArray(F, a, a1 + p, m);
        FloatVector[] v = {FloatVector.fromMemorySegment(F, w, w0 + o, NATIVE, m), FloatVector.fromMemorySegment(F, w, w1 + o, NATIVE, m),
                FloatVector.fromMemorySegment(F, w, w2 + o, NATIVE, m), FloatVector.fromMemorySegment(F, w, w3 + o, NATIVE, m)};
        for (int j = 0; j < 4; j++) {
            int i0 = accOff + j * L, i1 = accOff + (4 + j) * L;
            x.fma(v[j], FloatVector.fromArray(F, acc, i0)).intoArray(acc, i0);
            y.fma(v[j], FloatVector.fromArray(F, acc, i1)).intoArray(acc, i1);
        }
    }

    /** The sum of the L lanes of the vector at {@code at}, pairwise in a fixed tree. */
    static float sum(float[] acc, int at) {
        return sum(FloatVector.fromArray(F, acc, at));
    }

    /** The sum of the L lanes of the vectors at {@code at} and {@code at2} added lane-wise. */
    static float sum(float[] acc, int at, int at2) {
        return sum(FloatVector.fromArray(F, acc, at).add(FloatVector.fromArray(F, acc, at2)));
    }

    private static float sum(FloatVector v) {
        if (L > 8) v = v.add(v.rearrange(XOR8));
        if (L > 4) v = v.add(v.rearrange(XOR4));
        v = v.add(v.rearrange(XOR2));
        v = v.add(v.rearrange(XOR1));
        return v.lane(0);
    }
}

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

    /**
     * acc vector {@code 2·i + j} (from {@code accOff}, 16 vectors) = the lane-wise products over k in [0, kc) of A row
     * i (row i at {@code a0 + i·lda}; rows from {@code rows} on repeat the last) and weight row j (byte offsets
     * {@code w0}, {@code w1}): for 3 to 8 rows, so that each weight vector is read once for all of them (a
     * one-token step of a batch streams every weight from memory).
     */
    static void dot8x2(int kc, float[] a, int a0, int lda, int rows, MemorySegment w, long w0, long w1, float[] acc, int accOff) {
        int last = rows - 1;
        int r0 = a0, r1 = a0 + Math.min(1, last) * lda, r2 = a0 + Math.min(2, last) * lda, r3 = a0 + Math.min(3, last) * lda;
        int r4 = a0 + Math.min(4, last) * lda, r5 = a0 + Math.min(5, last) * lda, r6 = a0 + Math.min(6, last) * lda;
        int r7 = a0 + Math.min(7, last) * lda;
        FloatVector z = FloatVector.zero(F);
        FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
        FloatVector c40 = z, c41 = z, c50 = z, c51 = z, c60 = z, c61 = z, c70 = z, c71 = z;
        int full = kc - kc % L;
        for (int p = 0; p < full; p += L) {
            long o = p * 4L;
            FloatVector v0 = FloatVector.fromMemorySegment(F, w, w0 + o, NATIVE), v1 = FloatVector.fromMemorySegment(F, w, w1 + o, NATIVE);
            FloatVector x;
            x = FloatVector.fromArray(F, a, r0 + p); c00 = x.fma(v0, c00); c01 = x.fma(v1, c01);
            x = FloatVector.fromArray(F, a, r1 + p); c10 = x.fma(v0, c10); c11 = x.fma(v1, c11);
            x = FloatVector.fromArray(F, a, r2 + p); c20 = x.fma(v0, c20); c21 = x.fma(v1, c21);
            x = FloatVector.fromArray(F, a, r3 + p); c30 = x.fma(v0, c30); c31 = x.fma(v1, c31);
            x = FloatVector.fromArray(F, a, r4 + p); c40 = x.fma(v0, c40); c41 = x.fma(v1, c41);
            x = FloatVector.fromArray(F, a, r5 + p); c50 = x.fma(v0, c50); c51 = x.fma(v1, c51);
            x = FloatVector.fromArray(F, a, r6 + p); c60 = x.fma(v0, c60); c61 = x.fma(v1, c61);
            x = FloatVector.fromArray(F, a, r7 + p); c70 = x.fma(v0, c70); c71 = x.fma(v1, c71);
        }
        c00.intoArray(acc, accOff);
        c01.intoArray(acc, accOff + L);
        c10.intoArray(acc, accOff + 2 * L);
        c11.intoArray(acc, accOff + 3 * L);
        c20.intoArray(acc, accOff + 4 * L);
        c21.intoArray(acc, accOff + 5 * L);
        c30.intoArray(acc, accOff + 6 * L);
        c31.intoArray(acc, accOff + 7 * L);
        c40.intoArray(acc, accOff + 8 * L);
        c41.intoArray(acc, accOff + 9 * L);
        c50.intoArray(acc, accOff + 10 * L);
        c51.intoArray(acc, accOff + 11 * L);
        c60.intoArray(acc, accOff + 12 * L);
        c61.intoArray(acc, accOff + 13 * L);
        c70.intoArray(acc, accOff + 14 * L);
        c71.intoArray(acc, accOff + 15 * L);
        if (full < kc) tail8x2(full, kc, a, a0, lda, rows, w, w0, w1, acc, accOff);
    }

    /** The masked last vector of k, [p, kc), added into the 16 accumulators of {@link #dot8x2}. */
    private static void tail8x2(int p, int kc, float[] a, int a0, int lda, int rows, MemorySegment w, long w0, long w1, float[] acc,
                                int accOff) {
        VectorMask<Float> m = F.indexInRange(p, kc);
        long o = p * 4L;
        FloatVector v0 = FloatVector.fromMemorySegment(F, w, w0 + o, NATIVE, m), v1 = FloatVector.fromMemorySegment(F, w, w1 + o, NATIVE, m);
        for (int i = 0; i < 8; i++) {
            FloatVector x = FloatVector.fromArray(F, a, a0 + Math.min(i, rows - 1) * lda + p, m);
            int i0 = accOff + 2 * i * L, i1 = i0 + L;
            x.fma(v0, FloatVector.fromArray(F, acc, i0)).intoArray(acc, i0);
            x.fma(v1, FloatVector.fromArray(F, acc, i1)).intoArray(acc, i1);
        }
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

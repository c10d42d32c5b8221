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
 * (heap) × 4 weight rows (a segment), pass through a heap array between the parts of k (the W x and the R h
 * part of a gate), and each is summed over its lanes by {@link #sum} in a fixed order (not
 * {@code reduceLanes}, whose order is unspecified), so every result has the same bits in every run.
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
     * acc vector {@code 4·i + j} (from {@code accOff}, L floats each) = (0 if {@code start}, else itself) + the
     * lane-wise products over k in [0, kc) of A row i ({@code a0} or {@code a1}, heap) and weight row j (byte
     * offsets {@code w0..w3} in {@code w}).
     */
    static void dot2x4(int kc, float[] a, int a0, int a1, MemorySegment w, long w0, long w1, long w2, long w3,
                       float[] acc, int accOff, boolean start) {
        FloatVector c0, c1, c2, c3, c4, c5, c6, c7;
        if (start) {
            c0 = c1 = c2 = c3 = c4 = c5 = c6 = c7 = FloatVector.zero(F);
        } else {
            c0 = FloatVector.fromArray(F, acc, accOff);
            c1 = FloatVector.fromArray(F, acc, accOff + L);
            c2 = FloatVector.fromArray(F, acc, accOff + 2 * L);
            c3 = FloatVector.fromArray(F, acc, accOff + 3 * L);
            c4 = FloatVector.fromArray(F, acc, accOff + 4 * L);
            c5 = FloatVector.fromArray(F, acc, accOff + 5 * L);
            c6 = FloatVector.fromArray(F, acc, accOff + 6 * L);
            c7 = FloatVector.fromArray(F, acc, accOff + 7 * L);
        }
        int p = 0;
        for (; p <= kc - L; p += L) {
            long o = p * 4L;
            FloatVector x = FloatVector.fromArray(F, a, a0 + p), y = FloatVector.fromArray(F, a, a1 + p);
            FloatVector v0 = FloatVector.fromMemorySegment(F, w, w0 + o, NATIVE), v1 = FloatVector.fromMemorySegment(F, w, w1 + o, NATIVE);
            FloatVector v2 = FloatVector.fromMemorySegment(F, w, w2 + o, NATIVE), v3 = FloatVector.fromMemorySegment(F, w, w3 + o, NATIVE);
            c0 = x.fma(v0, c0); c1 = x.fma(v1, c1); c2 = x.fma(v2, c2); c3 = x.fma(v3, c3);
            c4 = y.fma(v0, c4); c5 = y.fma(v1, c5); c6 = y.fma(v2, c6); c7 = y.fma(v3, c7);
        }
        if (p < kc) {
            VectorMask<Float> m = F.indexInRange(p, kc);
            long o = p * 4L;
            FloatVector x = FloatVector.fromArray(F, a, a0 + p, m), y = FloatVector.fromArray(F, a, a1 + p, m);
            FloatVector v0 = FloatVector.fromMemorySegment(F, w, w0 + o, NATIVE, m), v1 = FloatVector.fromMemorySegment(F, w, w1 + o, NATIVE, m);
            FloatVector v2 = FloatVector.fromMemorySegment(F, w, w2 + o, NATIVE, m), v3 = FloatVector.fromMemorySegment(F, w, w3 + o, NATIVE, m);
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
    }

    /** The sum of the L lanes of the vector at {@code at}, pairwise in a fixed tree. */
    static float sum(float[] acc, int at) {
        FloatVector v = FloatVector.fromArray(F, acc, at);
        if (L > 8) v = v.add(v.rearrange(XOR8));
        if (L > 4) v = v.add(v.rearrange(XOR4));
        v = v.add(v.rearrange(XOR2));
        v = v.add(v.rearrange(XOR1));
        return v.lane(0);
    }
}

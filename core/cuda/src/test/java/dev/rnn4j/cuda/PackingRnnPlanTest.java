package dev.rnn4j.cuda;

import static dev.rnn4j.cuda.PackedRowsTest.onGpu;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnn4j.backend.spi.RnnCallRules;
import dev.rnn4j.rnn.RnnBiasMode;
import dev.rnn4j.rnn.RnnDataDescriptor;
import dev.rnn4j.rnn.RnnDataLayout;
import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.rnn.RnnForwardMode;
import dev.rnn4j.rnn.RnnMode;
import dev.rnn4j.rnn.RnnPlan;
import dev.rnn4j.rnn.RnnSpaceSizes;
import dev.rnn4j.tensor.Device;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The CUDA backend's packing of strided views around the cuDNN plan, with a fake inner plan that checks the
 * packed-only rules as {@link CudnnRnnPlan} does, and a host packer in place of device copies: which tensors are
 * packed, copied in and copied back, and that nothing is copied for a call the rules reject. (The device copies
 * themselves, cuMemcpyDtoDAsync per run, need a GPU and are not run here.)
 */
class PackingRnnPlanTest {

    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final Device GPU = Device.cuda(0);
    private static final RnnDescriptor RNN = new RnnDescriptor(RnnMode.LSTM, 1, false, 3, 4, RnnBiasMode.DOUBLE_BIAS, 0f, 0L);
    private static final RnnDataDescriptor X_DESC = new RnnDataDescriptor(3, 2, 3, new int[] {3, 2}, RnnDataLayout.SEQ_MAJOR);

    /** Checks as cuDNN's plan does, remembers what it got, writes 100 + i into element i of every output. */
    private static final class PackedOnly implements RnnPlan {
        final RnnCallRules rules = new RnnCallRules(GPU, RnnCallRules.Strides.CONTIGUOUS);
        final List<Tensor> received = new ArrayList<>();
        /** The values of each received tensor at the call (temporaries are freed after it). */
        final List<float[]> seen = new ArrayList<>();

        private void receive(Tensor... tensors) {
            for (Tensor t : tensors) {
                received.add(t);
                seen.add(t == null ? null : values(t));
            }
        }

        @Override
        public RnnDescriptor descriptor() {
            return RNN;
        }

        @Override
        public long weightSpaceSize() {
            return RNN.weightLayout().size();
        }

        @Override
        public RnnSpaceSizes spaceSizes(RnnForwardMode mode, RnnDataDescriptor xDesc) {
            return new RnnSpaceSizes(10, mode == RnnForwardMode.TRAINING ? 10 : 0);
        }

        @Override
        public void forward(RnnForwardMode mode, RnnDataDescriptor xDesc, Tensor x, Tensor y, Tensor hx, Tensor hy, Tensor cx, Tensor cy,
                            Tensor weightSpace, Tensor workSpace, Tensor reserveSpace) {
            rules.forward(this, mode, xDesc, x, y, hx, hy, cx, cy, weightSpace, workSpace, reserveSpace);
            receive(x, y, hx, hy);
            write(y);
            write(hy);
        }

        @Override
        public void backwardData(RnnDataDescriptor xDesc, Tensor y, Tensor dy, Tensor dx, Tensor hx, Tensor dhy, Tensor dhx, Tensor cx,
                                 Tensor dcy, Tensor dcx, Tensor weightSpace, Tensor workSpace, Tensor reserveSpace) {
            rules.backwardData(this, xDesc, y, dy, dx, hx, dhy, dhx, cx, dcy, dcx, weightSpace, workSpace, reserveSpace);
            receive(y, dy, dx);
            write(dx);
        }

        @Override
        public void backwardWeights(RnnDataDescriptor xDesc, Tensor x, Tensor hx, Tensor y, Tensor dWeightSpace, Tensor workSpace,
                                    Tensor reserveSpace) {
            rules.backwardWeights(this, xDesc, x, hx, y, dWeightSpace, workSpace, reserveSpace);
            receive(x, hx, y);
        }

        @Override
        public void close() {
        }

        private static void write(Tensor t) {
            if (t == null) return;
            for (long i = 0; i < t.elementCount(); i++) FakeDevice.memory(t).setAtIndex(F, t.offset() + i, 100 + i);
        }
    }

    /** Host memory in place of the caching allocator, MemorySegment.copy in place of cuMemcpyDtoDAsync. */
    private static final class HostPacker implements PackingRnnPlan.Packer {
        final List<Tensor> allocated = new ArrayList<>();
        int copies;

        @Override
        public Tensor allocate(TensorScope scope, Tensor like) {
            Tensor t = FakeDevice.tensor(scope.arena(), like.shape());
            allocated.add(t);
            return t;
        }

        @Override
        public void copy(Tensor src, long srcElement, Tensor dst, long dstElement, long elements) {
            copies++;
            MemorySegment.copy(FakeDevice.memory(src), F, srcElement * Float.BYTES, FakeDevice.memory(dst), F, dstElement * Float.BYTES, elements);
        }
    }

    /** The elements of a (fake device) view in row-major order, read through its strides. */
    private static float[] values(Tensor t) {
        long[] shape = t.shape();
        float[] out = new float[(int) t.elementCount()];
        for (int i = 0; i < out.length; i++) {
            long rest = i, at = t.offset();
            for (int d = shape.length - 1; d >= 0; d--) {
                at += (rest % shape[d]) * t.stride(d);
                rest /= shape[d];
            }
            out[i] = FakeDevice.memory(t).getAtIndex(F, at);
        }
        return out;
    }

    private static Tensor numbered(Tensor t) {
        MemorySegment memory = FakeDevice.memory(t);
        for (long i = 0; i < memory.byteSize() / Float.BYTES; i++) memory.setAtIndex(F, i, -1 - i);
        return t;
    }

    private static float[] counting(int n, int from) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = from + i;
        return a;
    }

    private final PackedOnly inner = new PackedOnly();
    private final HostPacker packer = new HostPacker();
    private final PackingRnnPlan plan = new PackingRnnPlan(inner, GPU, packer);
    private final Tensor w = onGpu(RNN.weightLayout().size());
    private final Tensor work = onGpu(10);
    private final Tensor reserve = onGpu(10);

    @Test
    void packedCallsGoStraightThrough() {
        Tensor x = onGpu(3, 2, 3), y = onGpu(3, 2, 4), hx = onGpu(1, 2, 4), hy = onGpu(1, 2, 4);
        plan.forward(RnnForwardMode.TRAINING, X_DESC, x, y, hx, hy, null, null, w, work, reserve);
        assertSame(x, inner.received.get(0));
        assertSame(y, inner.received.get(1));
        assertSame(hx, inner.received.get(2));
        assertSame(hy, inner.received.get(3));
        assertEquals(0, packer.allocated.size(), "nothing packed");
    }

    @Test
    void stridedInputsArePackedAndStridedOutputsCopiedBack() {
        Tensor x = numbered(onGpu(2, 3, 3)).transpose(0, 1);      // sequence-major view of batch-major memory
        Tensor wideY = numbered(onGpu(3, 2, 6));
        Tensor y = wideY.slice(2, 1, 5);                          // rows with gaps
        Tensor hx = numbered(onGpu(2, 1, 4)).transpose(0, 1);
        Tensor hy = onGpu(2, 1, 4).transpose(0, 1);
        float[] xSeen = values(x);
        float[] widePadding = values(wideY.slice(2, 5, 6));
        plan.forward(RnnForwardMode.TRAINING, X_DESC, x, y, hx, hy, null, null, w, work, reserve);

        Tensor packedX = inner.received.get(0);
        assertTrue(packedX.isContiguous());
        assertArrayEquals(xSeen, inner.seen.get(0), "x packed in row-major order of the view");
        assertArrayEquals(values(hx), inner.seen.get(2), "hx packed");
        assertArrayEquals(counting(24, 100), values(y), "y holds what the packed call wrote");
        assertArrayEquals(widePadding, values(wideY.slice(2, 5, 6)), "elements outside the view are untouched");
        assertArrayEquals(counting(8, 100), values(hy), "hy copied back");
        assertEquals(4, packer.allocated.size(), "x, y, hx and hy packed");
        for (Tensor t : packer.allocated) assertFalse(t.isAlive(), "temporaries are freed when the call returns");
    }

    @Test
    void backwardPacksItsInputsAndCopiesDxBack() {
        Tensor y = onGpu(3, 2, 4), dy = numbered(onGpu(2, 3, 4)).transpose(0, 1), dx = onGpu(2, 3, 3).transpose(0, 1);
        plan.backwardData(X_DESC, y, dy, dx, null, null, null, null, null, null, w, work, reserve);
        assertSame(y, inner.received.get(0), "a packed y is passed as it is");
        assertArrayEquals(values(dy), inner.seen.get(1));
        assertArrayEquals(counting(18, 100), values(dx));
        Tensor x = numbered(onGpu(2, 3, 3)).transpose(0, 1);
        int copiesBefore = packer.copies;
        plan.backwardWeights(X_DESC, x, null, y, w, work, reserve);
        assertArrayEquals(values(x), inner.seen.get(3));
        assertEquals(copiesBefore + 6, packer.copies, "x copied in row by row; nothing copied back");
    }

    @Test
    void aRejectedCallCopiesNothing() {
        Tensor x = onGpu(2, 2, 3).transpose(0, 1);                // strided, and of the wrong shape for xDesc
        var e = assertThrows(IllegalArgumentException.class,
                () -> plan.forward(RnnForwardMode.TRAINING, X_DESC, x, onGpu(3, 2, 4), null, null, null, null, w, work, reserve));
        assertTrue(e.getMessage().startsWith("rnn forward: x must have shape [3, 2, 3]"), e.getMessage());
        Tensor onCpu = Tensor.contiguous(MemorySegment.ofArray(new float[24]), dev.rnn4j.tensor.DType.FLOAT32, 2, 3, 4).transpose(0, 1);
        var device = assertThrows(IllegalArgumentException.class,
                () -> plan.backwardData(X_DESC, onGpu(3, 2, 4), onCpu, onGpu(3, 2, 3), null, null, null, null, null, null, w, work, reserve));
        assertTrue(device.getMessage().contains("rnn backwardData: dy float32[3, 2, 4]@cpu is on cpu but this backend runs on cuda:0"),
                device.getMessage());
        assertEquals(0, packer.allocated.size());
        assertEquals(0, packer.copies);
        assertTrue(inner.received.isEmpty(), "the inner plan was not called");
    }
}

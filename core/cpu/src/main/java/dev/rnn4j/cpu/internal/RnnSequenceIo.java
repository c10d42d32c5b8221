package dev.rnn4j.cpu.internal;

import dev.rnn4j.rnn.RnnDataLayout;
import dev.rnn4j.tensor.Tensor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Moves rows between the caller's tensors (padded sequences in either layout, or states
 * [layers·directions, B, H], in batch order) and the packed, length-sorted buffers of the kernels
 * ({@link RnnBatchOrder}). Caller tensors may have any strides except along their last axis (stride 1).
 */
final class RnnSequenceIo {

    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private RnnSequenceIo() {
    }

    /**
     * Whether the padded sequences {@code x} already are the packed rows [N, width] from {@code x.offset()}:
     * every sequence full length, sequence-major, rows contiguous. Then gather and scatter are one copy each,
     * and a kernel may read x in place.
     */
    static boolean packedAsIs(Tensor x, RnnDataLayout layout, RnnBatchOrder order) {
        long width = x.dim(2);
        return order.full() && layout == RnnDataLayout.SEQ_MAJOR
                && (order.batch() == 1 || x.stride(1) == width)
                && (order.steps() == 1 || x.stride(0) == order.batch() * width);
    }

    /** Packed rows [N, width] at {@code dst + dstFloat} from the valid steps of the padded sequences {@code x}. */
    static void gatherSequences(Tensor x, RnnDataLayout layout, RnnBatchOrder order, MemorySegment dst, long dstFloat) {
        int width = (int) x.dim(2);
        MemorySegment src = x.segment();
        if (packedAsIs(x, layout, order)) {
            MemorySegment.copy(src, x.offset() * 4, dst, dstFloat * 4, order.rows() * width * 4);
            return;
        }
        for (int t = 0; t < order.steps(); t++) {
            for (int k = 0; k < order.batchSize(t); k++) {
                long from = sequenceRow(x, layout, t, order.batchIndex(k));
                MemorySegment.copy(src, F, from * 4, dst, F, (dstFloat + order.row(t, k) * width) * 4, width);
            }
        }
    }

    /** The padded sequences {@code y} from packed rows [N, width]; steps past a sequence's length become zero. */
    static void scatterSequences(MemorySegment src, long srcFloat, RnnBatchOrder order, RnnDataLayout layout, Tensor y) {
        int width = (int) y.dim(2);
        MemorySegment dst = y.segment();
        if (packedAsIs(y, layout, order)) {
            MemorySegment.copy(src, srcFloat * 4, dst, y.offset() * 4, order.rows() * width * 4);
            return;
        }
        for (int k = 0; k < order.batch(); k++) {
            int b = order.batchIndex(k);
            for (int t = 0; t < order.steps(); t++) {
                long to = sequenceRow(y, layout, t, b) * 4;
                if (t < order.length(k)) {
                    MemorySegment.copy(src, F, (srcFloat + order.row(t, k) * width) * 4, dst, F, to, width);
                } else {
                    dst.asSlice(to, width * 4L).fill((byte) 0);
                }
            }
        }
    }

    /** Sorted rows [B, H] at {@code dst} from state {@code index} of {@code h}, or zeros when h is null. */
    static void gatherState(Tensor h, int index, RnnBatchOrder order, int hidden, MemorySegment dst, long dstFloat) {
        if (h == null) {
            dst.asSlice(dstFloat * 4, (long) order.batch() * hidden * 4).fill((byte) 0);
            return;
        }
        MemorySegment src = h.segment();
        for (int k = 0; k < order.batch(); k++) {
            MemorySegment.copy(src, F, stateRow(h, index, order.batchIndex(k)) * 4, dst, F, (dstFloat + (long) k * hidden) * 4, hidden);
        }
    }

    /** State {@code index} of {@code h} from sorted rows [B, H]; nothing when h is null. */
    static void scatterState(MemorySegment src, long srcFloat, RnnBatchOrder order, int hidden, Tensor h, int index) {
        if (h == null) return;
        MemorySegment dst = h.segment();
        for (int k = 0; k < order.batch(); k++) {
            MemorySegment.copy(src, F, (srcFloat + (long) k * hidden) * 4, dst, F, stateRow(h, index, order.batchIndex(k)) * 4, hidden);
        }
    }

    private static long sequenceRow(Tensor x, RnnDataLayout layout, int t, int b) {
        return layout == RnnDataLayout.SEQ_MAJOR
                ? x.offset() + t * x.stride(0) + b * x.stride(1)
                : x.offset() + b * x.stride(0) + t * x.stride(1);
    }

    private static long stateRow(Tensor h, int index, int b) {
        return h.offset() + index * h.stride(0) + b * h.stride(1);
    }
}

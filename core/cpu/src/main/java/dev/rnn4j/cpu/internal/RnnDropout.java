package dev.rnn4j.cpu.internal;

import dev.rnn4j.backend.CounterRandom;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Dropout between RNN layers (training only; the output of every layer but the last). The mask is a pure
 * function of the seed and the element, so any backend reproduces it:
 * <pre>
 *   stream = CounterRandom.bits(dropoutSeed, call)      call = 0, 1, 2, ... counts a plan's forward(TRAINING) calls
 *   scale(l, t, b, j) = CounterRandom.dropoutScale(stream, l·T·B·DH + (t·B + b)·DH + j, dropout)
 * </pre>
 * for element j ∈ [0, DH) (DH = directions·hidden, forward half first) of the output of layer l at step t of
 * batch sequence b (the caller's batch index), with T = maxSeqLength and B = batchSize of xDesc: the
 * row-major index of the element in a sequence-major [layers, T, B, DH] tensor, whatever the data layout.
 * Only the valid steps of each sequence are drawn. The scales are kept in the reserve for backward.
 */
final class RnnDropout {

    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private RnnDropout() {
    }

    /** The seed of the {@code call}-th forward(TRAINING) of a plan. */
    static long stream(long dropoutSeed, long call) {
        return CounterRandom.bits(dropoutSeed, call);
    }

    /** mask = the scales of layer {@code layer}, dropped = out · mask; all packed [N, width] in {@code s}. */
    static void apply(long stream, float rate, int layer, RnnBatchOrder order, int width,
                      MemorySegment s, long out, long mask, long dropped) {
        long layerBase = (long) layer * order.steps() * order.batch() * width;
        for (int t = 0; t < order.steps(); t++) {
            for (int k = 0; k < order.batchSize(t); k++) {
                long index = layerBase + ((long) t * order.batch() + order.batchIndex(k)) * width;
                long row = order.row(t, k) * width;
                for (int j = 0; j < width; j++) {
                    s.setAtIndex(F, mask + row + j, CounterRandom.dropoutScale(stream, index + j, rate));
                }
            }
        }
        GateVectors.multiply(s, out, s, mask, s, dropped, order.rows() * width);
    }
}

package dev.rnn4j.cpu.internal;

import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.rnn.RnnWeightLayout;
import dev.rnn4j.tensor.Tensor;
import java.lang.foreign.MemorySegment;

/**
 * One validated RNN call: the RNN, the layout of its x descriptor (batch order and buffers), the backend's
 * threads, and the segments (with the element offsets of their tensors) of the weight, work and reserve
 * spaces. Offsets are in floats.
 */
record RnnCall(RnnDescriptor rnn, RnnWeightLayout weightLayout, RnnCallLayout layout, GemmThreads threads,
               MemorySegment weights, long weightBase,
               MemorySegment work, long workBase,
               MemorySegment reserve, long reserveBase) {

    static RnnCall of(RnnDescriptor rnn, RnnCallLayout layout, GemmThreads threads, Tensor weights, Tensor work, Tensor reserve) {
        return new RnnCall(rnn, rnn.weightLayout(), layout, threads,
                weights.segment(), weights.offset(),
                work.segment(), work.offset(),
                reserve == null ? null : reserve.segment(), reserve == null ? 0 : reserve.offset());
    }

    /**
     * Whether the time loops may hand these segments to worker threads: false when a caller allocated one
     * in an arena confined to its own thread (then everything runs on the caller, with the same results).
     */
    boolean shareable() {
        return GemmThreads.shareable(weights) && GemmThreads.shareable(work) && (reserve == null || GemmThreads.shareable(reserve));
    }

    RnnBatchOrder order() {
        return layout.order;
    }

    int hidden() {
        return rnn.hiddenSize();
    }

    int gateWidth() {
        return rnn.mode().gates() * rnn.hiddenSize();
    }

    int directions() {
        return rnn.directions();
    }

    /** Row stride of a layer output: directions × hidden. */
    int outWidth() {
        return rnn.outputSize();
    }

    long rows() {
        return layout.order.rows();
    }
}

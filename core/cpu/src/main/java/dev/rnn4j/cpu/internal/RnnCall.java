package dev.rnn4j.cpu.internal;

import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.rnn.RnnWeightLayout;
import dev.rnn4j.tensor.Tensor;
import java.lang.foreign.MemorySegment;

/**
 * One validated RNN call: the RNN, the batch order of its x descriptor, and the segments (with the element
 * offsets of their tensors) of the weight, work and reserve spaces. Offsets are in floats.
 */
record RnnCall(RnnDescriptor rnn, RnnWeightLayout weightLayout, RnnBatchOrder order,
               MemorySegment weights, long weightBase,
               MemorySegment work, long workBase,
               MemorySegment reserve, long reserveBase) {

    static RnnCall of(RnnDescriptor rnn, RnnBatchOrder order, Tensor weights, Tensor work, Tensor reserve) {
        return new RnnCall(rnn, rnn.weightLayout(), order,
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
        return order.rows();
    }
}

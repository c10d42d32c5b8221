package dev.rnn4j.cpu.internal;

import dev.rnn4j.rnn.RnnDataDescriptor;
import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.rnn.RnnForwardMode;
import dev.rnn4j.rnn.RnnSpaceSizes;

/**
 * Everything about an RNN call that depends only on the RNN and the x descriptor: the batch order and where
 * every buffer of every phase lives in the work and reserve spaces. Immutable, so one instance serves every
 * call (and thread) with an equal descriptor.
 */
final class RnnCallLayout {

    final RnnBatchOrder order;
    final RnnSpaces.ForwardWork trainingForward;
    final RnnSpaces.ForwardWork inferenceForward;
    final RnnSpaces.BackwardDataWork backwardData;
    final RnnSpaces.BackwardWeightsWork backwardWeights;
    final RnnSpaces.Reserve reserve;
    private final RnnSpaceSizes trainingSizes;
    private final RnnSpaceSizes inferenceSizes;

    RnnCallLayout(RnnDescriptor rnn, RnnDataDescriptor xDesc) {
        order = new RnnBatchOrder(xDesc);
        trainingForward = new RnnSpaces.ForwardWork(rnn, order, true);
        inferenceForward = new RnnSpaces.ForwardWork(rnn, order, false);
        backwardData = new RnnSpaces.BackwardDataWork(rnn, order);
        backwardWeights = new RnnSpaces.BackwardWeightsWork(rnn, order);
        reserve = new RnnSpaces.Reserve(rnn, order);
        long work = Math.max(trainingForward.size, Math.max(backwardData.size, backwardWeights.size));
        trainingSizes = new RnnSpaceSizes(work, reserve.size);
        inferenceSizes = new RnnSpaceSizes(inferenceForward.size, 0);
    }

    RnnSpaceSizes sizes(RnnForwardMode mode) {
        return mode == RnnForwardMode.INFERENCE ? inferenceSizes : trainingSizes;
    }

    RnnSpaces.ForwardWork forward(boolean training) {
        return training ? trainingForward : inferenceForward;
    }
}

package dev.rnn4j.cpu.internal;

import dev.rnn4j.rnn.RnnDataDescriptor;
import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.rnn.RnnForwardMode;
import dev.rnn4j.rnn.RnnPlan;
import dev.rnn4j.rnn.RnnSpaceSizes;
import dev.rnn4j.tensor.Tensor;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The CPU RNN: cuDNN v8 semantics on host tensors. Every argument is checked ({@link RnnArguments}) before
 * memory is touched; the work is done by {@link RnnForward}, {@link RnnBackwardData} and
 * {@link RnnBackwardWeights} on packed, length-sorted rows ({@link RnnBatchOrder}), in the buffers that
 * {@link RnnSpaces} lays out in the caller's work and reserve spaces. Dropout masks follow {@link RnnDropout}.
 * A plan may be used from one thread at a time.
 */
public final class CpuRnnPlan implements RnnPlan {

    private final RnnDescriptor descriptor;
    private final AtomicLong trainingCalls = new AtomicLong();
    private volatile boolean closed;

    public CpuRnnPlan(RnnDescriptor descriptor) {
        this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
    }

    @Override
    public RnnDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public long weightSpaceSize() {
        return descriptor.weightLayout().size();
    }

    @Override
    public RnnSpaceSizes spaceSizes(RnnForwardMode mode, RnnDataDescriptor xDesc) {
        if (mode == null) throw new IllegalArgumentException("mode is null");
        RnnArguments.requireXDesc(descriptor, xDesc);
        RnnBatchOrder order = new RnnBatchOrder(xDesc);
        if (mode == RnnForwardMode.INFERENCE) {
            return new RnnSpaceSizes(new RnnSpaces.ForwardWork(descriptor, order, false).size, 0);
        }
        long work = Math.max(new RnnSpaces.ForwardWork(descriptor, order, true).size,
                Math.max(new RnnSpaces.BackwardDataWork(descriptor, order).size, new RnnSpaces.BackwardWeightsWork(descriptor, order).size));
        return new RnnSpaceSizes(work, new RnnSpaces.Reserve(descriptor, order).size);
    }

    @Override
    public void forward(RnnForwardMode mode, RnnDataDescriptor xDesc, Tensor x, Tensor y, Tensor hx, Tensor hy, Tensor cx, Tensor cy,
                        Tensor weightSpace, Tensor workSpace, Tensor reserveSpace) {
        requireOpen();
        RnnSpaceSizes sizes = spaceSizes(mode, xDesc);
        boolean training = mode == RnnForwardMode.TRAINING;
        RnnArguments.requireSequences("x", x, xDesc);
        RnnArguments.requireSequences("y", y, xDesc.withVectorSize(descriptor.outputSize()));
        requireStates(xDesc, hx, hy, cx, cy, "hx", "hy", "cx", "cy");
        RnnArguments.requireWeights("weightSpace", weightSpace, weightSpaceSize());
        RnnArguments.requireSpace("workSpace", workSpace, sizes.workSpaceSize());
        if (training) RnnArguments.requireSpace("reserveSpace", reserveSpace, sizes.reserveSpaceSize());
        RnnCall call = RnnCall.of(descriptor, new RnnBatchOrder(xDesc), weightSpace, workSpace, training ? reserveSpace : null);
        long stream = training ? RnnDropout.stream(descriptor.dropoutSeed(), trainingCalls.getAndIncrement()) : 0;
        RnnForward.run(call, training, xDesc.layout(), x, y, hx, hy, cx, cy, stream);
    }

    @Override
    public void backwardData(RnnDataDescriptor xDesc, Tensor y, Tensor dy, Tensor dx, Tensor hx, Tensor dhy, Tensor dhx, Tensor cx,
                             Tensor dcy, Tensor dcx, Tensor weightSpace, Tensor workSpace, Tensor reserveSpace) {
        requireOpen();
        RnnSpaceSizes sizes = spaceSizes(RnnForwardMode.TRAINING, xDesc);
        RnnDataDescriptor yDesc = xDesc.withVectorSize(descriptor.outputSize());
        RnnArguments.requireSequences("y", y, yDesc);
        RnnArguments.requireSequences("dy", dy, yDesc);
        RnnArguments.requireSequences("dx", dx, xDesc);
        requireStates(xDesc, hx, dhy, cx, dcy, "hx", "dhy", "cx", "dcy");
        requireStates(xDesc, dhx, dhx, dcx, dcx, "dhx", "dhx", "dcx", "dcx");
        RnnArguments.requireWeights("weightSpace", weightSpace, weightSpaceSize());
        RnnArguments.requireSpace("workSpace", workSpace, sizes.workSpaceSize());
        RnnArguments.requireSpace("reserveSpace", reserveSpace, sizes.reserveSpaceSize());
        RnnReserveHeader.require(reserveSpace.segment(), reserveSpace.offset(), descriptor, xDesc, RnnReserveHeader.Phase.FORWARD, "backwardData");
        RnnCall call = RnnCall.of(descriptor, new RnnBatchOrder(xDesc), weightSpace, workSpace, reserveSpace);
        RnnBackwardData.run(call, xDesc.layout(), dy, dx, dhy, dhx, dcy, dcx);
    }

    @Override
    public void backwardWeights(RnnDataDescriptor xDesc, Tensor x, Tensor hx, Tensor y, Tensor dWeightSpace, Tensor workSpace,
                                Tensor reserveSpace) {
        requireOpen();
        RnnSpaceSizes sizes = spaceSizes(RnnForwardMode.TRAINING, xDesc);
        RnnArguments.requireSequences("x", x, xDesc);
        RnnArguments.requireStateOrNull("hx", hx, descriptor, xDesc.batchSize());
        RnnArguments.requireSequences("y", y, xDesc.withVectorSize(descriptor.outputSize()));
        RnnArguments.requireWeights("dWeightSpace", dWeightSpace, weightSpaceSize());
        RnnArguments.requireSpace("workSpace", workSpace, sizes.workSpaceSize());
        RnnArguments.requireSpace("reserveSpace", reserveSpace, sizes.reserveSpaceSize());
        RnnReserveHeader.require(reserveSpace.segment(), reserveSpace.offset(), descriptor, xDesc, RnnReserveHeader.Phase.BACKWARD_DATA,
                "backwardWeights");
        RnnCall call = RnnCall.of(descriptor, new RnnBatchOrder(xDesc), dWeightSpace, workSpace, reserveSpace);
        RnnBackwardWeights.run(call, xDesc.layout(), x, dWeightSpace.segment(), dWeightSpace.offset());
    }

    private void requireStates(RnnDataDescriptor xDesc, Tensor h1, Tensor h2, Tensor c1, Tensor c2,
                               String h1Name, String h2Name, String c1Name, String c2Name) {
        RnnArguments.requireStateOrNull(h1Name, h1, descriptor, xDesc.batchSize());
        RnnArguments.requireStateOrNull(h2Name, h2, descriptor, xDesc.batchSize());
        RnnArguments.requireCellOrNull(c1Name, c1, descriptor, xDesc.batchSize());
        RnnArguments.requireCellOrNull(c2Name, c2, descriptor, xDesc.batchSize());
    }

    private void requireOpen() {
        if (closed) throw new IllegalStateException("this CpuRnnPlan is closed");
    }

    @Override
    public void close() {
        closed = true;
    }
}

package dev.rnn4j.cpu.internal;

import dev.rnn4j.backend.spi.RnnCallRules;
import dev.rnn4j.rnn.RnnDataDescriptor;
import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.rnn.RnnForwardMode;
import dev.rnn4j.rnn.RnnPlan;
import dev.rnn4j.rnn.RnnSpaceSizes;
import dev.rnn4j.tensor.Device;
import dev.rnn4j.tensor.Tensor;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The CPU RNN: cuDNN v8 semantics on host tensors. Every argument is checked by the shared
 * {@link RnnCallRules} (and backwardData/backwardWeights check the reserve's header, {@link RnnReserveHeader})
 * before memory is touched; the work is done by {@link RnnForward}, {@link RnnBackwardData} and
 * {@link RnnBackwardWeights} on packed, length-sorted rows ({@link RnnBatchOrder}), in the buffers that
 * {@link RnnSpaces} lays out in the caller's work and reserve spaces, on the backend's threads. Dropout masks
 * follow {@link RnnDropout}.
 *
 * <p>Thread-safe: after construction a plan holds only immutable state, a cache of call layouts
 * ({@link RnnCallLayouts}, synchronized) and the counter of training forwards (atomic), so several threads
 * may call one plan at once, each with its own outputs, work and reserve spaces.
 */
public final class CpuRnnPlan implements RnnPlan {

    private static final RnnCallRules RULES = new RnnCallRules(Device.CPU, RnnCallRules.Strides.UNIT_LAST_AXIS);

    private final RnnDescriptor descriptor;
    private final long weightSpaceSize;
    private final GemmThreads threads;
    private final RnnCallLayouts layouts;
    private final AtomicLong trainingCalls = new AtomicLong();
    private volatile boolean closed;

    /** A plan that runs its parallel parts on {@code threads} (its backend's). */
    public CpuRnnPlan(RnnDescriptor descriptor, GemmThreads threads) {
        this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
        this.threads = Objects.requireNonNull(threads, "threads");
        this.weightSpaceSize = descriptor.weightLayout().size();
        this.layouts = new RnnCallLayouts(descriptor);
    }

    @Override
    public RnnDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public long weightSpaceSize() {
        return weightSpaceSize;
    }

    @Override
    public RnnSpaceSizes spaceSizes(RnnForwardMode mode, RnnDataDescriptor xDesc) {
        RnnCallRules.spaceSizes(descriptor, mode, xDesc);
        return layouts.of(xDesc).sizes(mode);
    }

    @Override
    public void forward(RnnForwardMode mode, RnnDataDescriptor xDesc, Tensor x, Tensor y, Tensor hx, Tensor hy, Tensor cx, Tensor cy,
                        Tensor weightSpace, Tensor workSpace, Tensor reserveSpace) {
        requireOpen("rnn forward");
        RULES.forward(this, mode, xDesc, x, y, hx, hy, cx, cy, weightSpace, workSpace, reserveSpace);
        boolean training = mode == RnnForwardMode.TRAINING;
        RnnCall call = RnnCall.of(descriptor, layouts.of(xDesc), threads, weightSpace, workSpace, training ? reserveSpace : null);
        long stream = training ? RnnDropout.stream(descriptor.dropoutSeed(), trainingCalls.getAndIncrement()) : 0;
        RnnForward.run(call, training, xDesc.layout(), x, y, hx, hy, cx, cy, stream);
    }

    @Override
    public void backwardData(RnnDataDescriptor xDesc, Tensor y, Tensor dy, Tensor dx, Tensor hx, Tensor dhy, Tensor dhx, Tensor cx,
                             Tensor dcy, Tensor dcx, Tensor weightSpace, Tensor workSpace, Tensor reserveSpace) {
        requireOpen("rnn backwardData");
        RULES.backwardData(this, xDesc, y, dy, dx, hx, dhy, dhx, cx, dcy, dcx, weightSpace, workSpace, reserveSpace);
        RnnReserveHeader.require(reserveSpace.segment(), reserveSpace.offset(), descriptor, xDesc, RnnReserveHeader.Phase.FORWARD, "backwardData");
        RnnCall call = RnnCall.of(descriptor, layouts.of(xDesc), threads, weightSpace, workSpace, reserveSpace);
        RnnBackwardData.run(call, xDesc.layout(), dy, dx, dhy, dhx, dcy, dcx);
    }

    @Override
    public void backwardWeights(RnnDataDescriptor xDesc, Tensor x, Tensor hx, Tensor y, Tensor dWeightSpace, Tensor workSpace,
                                Tensor reserveSpace) {
        requireOpen("rnn backwardWeights");
        RULES.backwardWeights(this, xDesc, x, hx, y, dWeightSpace, workSpace, reserveSpace);
        RnnReserveHeader.require(reserveSpace.segment(), reserveSpace.offset(), descriptor, xDesc, RnnReserveHeader.Phase.BACKWARD_DATA,
                "backwardWeights");
        RnnCall call = RnnCall.of(descriptor, layouts.of(xDesc), threads, dWeightSpace, workSpace, reserveSpace);
        RnnBackwardWeights.run(call, xDesc.layout(), x, dWeightSpace.segment(), dWeightSpace.offset());
    }

    /** The layouts cached now (for tests). */
    RnnCallLayouts layouts() {
        return layouts;
    }

    private void requireOpen(String op) {
        if (closed) throw new IllegalStateException(op + ": this CpuRnnPlan is closed");
    }

    @Override
    public void close() {
        closed = true;
    }
}

package dev.rnn4j.cpu;

import dev.rnn4j.rnn.RnnDataDescriptor;
import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.rnn.RnnForwardMode;
import dev.rnn4j.rnn.RnnPlan;
import dev.rnn4j.rnn.RnnSpaceSizes;
import dev.rnn4j.tensor.Tensor;

/** STUB: the CPU RNN (forward, backward-data, backward-weights). Replaced by the real implementation. */
public final class CpuRnnPlan implements RnnPlan {

    private final RnnDescriptor descriptor;

    public CpuRnnPlan(RnnDescriptor descriptor) {
        this.descriptor = descriptor;
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
        throw new UnsupportedOperationException("CPU RNN not implemented yet");
    }

    @Override
    public void forward(RnnForwardMode mode, RnnDataDescriptor xDesc, Tensor x, Tensor y, Tensor hx, Tensor hy, Tensor cx, Tensor cy,
                        Tensor weightSpace, Tensor workSpace, Tensor reserveSpace) {
        throw new UnsupportedOperationException("CPU RNN not implemented yet");
    }

    @Override
    public void backwardData(RnnDataDescriptor xDesc, Tensor y, Tensor dy, Tensor dx, Tensor hx, Tensor dhy, Tensor dhx, Tensor cx,
                             Tensor dcy, Tensor dcx, Tensor weightSpace, Tensor workSpace, Tensor reserveSpace) {
        throw new UnsupportedOperationException("CPU RNN not implemented yet");
    }

    @Override
    public void backwardWeights(RnnDataDescriptor xDesc, Tensor x, Tensor hx, Tensor y, Tensor dWeightSpace, Tensor workSpace,
                                Tensor reserveSpace) {
        throw new UnsupportedOperationException("CPU RNN not implemented yet");
    }

    @Override
    public void close() {
    }
}

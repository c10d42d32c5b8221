package dev.rnn4j.cuda;

import dev.rnn4j.backend.spi.RnnCallRules;
import dev.rnn4j.rnn.RnnDataDescriptor;
import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.rnn.RnnForwardMode;
import dev.rnn4j.rnn.RnnPlan;
import dev.rnn4j.rnn.RnnSpaceSizes;
import dev.rnn4j.tensor.Device;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;
import java.util.ArrayList;
import java.util.List;

/**
 * The CUDA backend's RNN plan as callers see it. cuDNN reads packed sequences and states only; every backend
 * accepts views with stride 1 along the last axis ({@link RnnCallRules.Strides#UNIT_LAST_AXIS}), so this plan
 * copies such views (x, y, dy, dx, and the states) into packed temporaries before the call and the outputs
 * back after it, as PyTorch's {@code contiguous()} does. Calls whose tensors are all packed go straight to
 * the inner plan, at no cost. Every argument is checked before anything is copied.
 */
final class PackingRnnPlan implements RnnPlan {

    /** Device memory for the temporaries and one copy per {@link PackedRows.Run}. */
    interface Packer {
        /** A packed tensor of {@code like}'s dtype and shape, on its device, freed when {@code scope} closes. */
        Tensor allocate(TensorScope scope, Tensor like);

        /** Copies {@code elements} elements from element {@code srcElement} of src's segment to element {@code dstElement} of dst's (stream-ordered). */
        void copy(Tensor src, long srcElement, Tensor dst, long dstElement, long elements);
    }

    private final RnnPlan packedPlan;
    private final RnnCallRules rules;
    private final Packer packer;

    /** Wraps {@code packedPlan}, which accepts packed sequences and states only, on {@code device}. */
    PackingRnnPlan(RnnPlan packedPlan, Device device, Packer packer) {
        this.packedPlan = packedPlan;
        this.rules = new RnnCallRules(device, RnnCallRules.Strides.UNIT_LAST_AXIS);
        this.packer = packer;
    }

    @Override
    public RnnDescriptor descriptor() {
        return packedPlan.descriptor();
    }

    @Override
    public long weightSpaceSize() {
        return packedPlan.weightSpaceSize();
    }

    @Override
    public RnnSpaceSizes spaceSizes(RnnForwardMode mode, RnnDataDescriptor xDesc) {
        return packedPlan.spaceSizes(mode, xDesc);
    }

    @Override
    public void forward(RnnForwardMode mode, RnnDataDescriptor xDesc, Tensor x, Tensor y, Tensor hx, Tensor hy, Tensor cx, Tensor cy,
                        Tensor weightSpace, Tensor workSpace, Tensor reserveSpace) {
        if (packed(x, y, hx, hy, cx, cy)) {
            packedPlan.forward(mode, xDesc, x, y, hx, hy, cx, cy, weightSpace, workSpace, reserveSpace);
            return;
        }
        rules.forward(this, mode, xDesc, x, y, hx, hy, cx, cy, weightSpace, workSpace, reserveSpace);
        try (Staging s = new Staging()) {
            packedPlan.forward(mode, xDesc, s.in(x), s.out(y), s.in(hx), s.out(hy), s.in(cx), s.out(cy), weightSpace, workSpace, reserveSpace);
            s.copyOutputsBack();
        }
    }

    @Override
    public void backwardData(RnnDataDescriptor xDesc, Tensor y, Tensor dy, Tensor dx, Tensor hx, Tensor dhy, Tensor dhx, Tensor cx,
                             Tensor dcy, Tensor dcx, Tensor weightSpace, Tensor workSpace, Tensor reserveSpace) {
        if (packed(y, dy, dx, hx, dhy, dhx, cx, dcy, dcx)) {
            packedPlan.backwardData(xDesc, y, dy, dx, hx, dhy, dhx, cx, dcy, dcx, weightSpace, workSpace, reserveSpace);
            return;
        }
        rules.backwardData(this, xDesc, y, dy, dx, hx, dhy, dhx, cx, dcy, dcx, weightSpace, workSpace, reserveSpace);
        try (Staging s = new Staging()) {
            packedPlan.backwardData(xDesc, s.in(y), s.in(dy), s.out(dx), s.in(hx), s.in(dhy), s.out(dhx), s.in(cx), s.in(dcy), s.out(dcx),
                    weightSpace, workSpace, reserveSpace);
            s.copyOutputsBack();
        }
    }

    @Override
    public void backwardWeights(RnnDataDescriptor xDesc, Tensor x, Tensor hx, Tensor y, Tensor dWeightSpace, Tensor workSpace,
                                Tensor reserveSpace) {
        if (packed(x, hx, y)) {
            packedPlan.backwardWeights(xDesc, x, hx, y, dWeightSpace, workSpace, reserveSpace);
            return;
        }
        rules.backwardWeights(this, xDesc, x, hx, y, dWeightSpace, workSpace, reserveSpace);
        try (Staging s = new Staging()) {
            packedPlan.backwardWeights(xDesc, s.in(x), s.in(hx), s.in(y), dWeightSpace, workSpace, reserveSpace);
        }
    }

    @Override
    public void close() {
        packedPlan.close();
    }

    /** Whether no tensor needs packing (null, closed or misplaced ones are left to the inner plan's checks). */
    private static boolean packed(Tensor... tensors) {
        for (Tensor t : tensors) {
            if (t != null && t.isAlive() && !t.isContiguous()) return false;
        }
        return true;
    }

    /** The temporaries of one call, freed (returned to the stream-ordered allocator) when it closes. */
    private final class Staging implements AutoCloseable {
        private final TensorScope scope = TensorScope.open();
        private final List<Tensor[]> outputs = new ArrayList<>();

        /** {@code t} itself when packed, else a packed copy of it. */
        Tensor in(Tensor t) {
            if (t == null || t.isContiguous()) return t;
            Tensor p = packer.allocate(scope, t);
            for (PackedRows.Run r : PackedRows.runs(t)) packer.copy(t, r.view(), p, p.offset() + r.packed(), r.elements());
            return p;
        }

        /** {@code t} itself when packed, else a packed temporary copied into t by {@link #copyOutputsBack}. */
        Tensor out(Tensor t) {
            if (t == null || t.isContiguous()) return t;
            Tensor p = packer.allocate(scope, t);
            outputs.add(new Tensor[] {p, t});
            return p;
        }

        void copyOutputsBack() {
            for (Tensor[] pair : outputs) {
                Tensor p = pair[0], t = pair[1];
                for (PackedRows.Run r : PackedRows.runs(t)) packer.copy(p, p.offset() + r.packed(), t, r.view(), r.elements());
            }
        }

        @Override
        public void close() {
            scope.close();
        }
    }
}

package dev.rnn4j.backend.spi;

import dev.rnn4j.rnn.RnnDataDescriptor;
import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.rnn.RnnForwardMode;
import dev.rnn4j.rnn.RnnPlan;
import dev.rnn4j.rnn.RnnSpaceSizes;
import dev.rnn4j.tensor.DType;
import dev.rnn4j.tensor.Device;
import dev.rnn4j.tensor.Tensor;

/**
 * The argument rules of {@link RnnPlan} calls, written once for every backend, so that a call one backend
 * accepts is never rejected by another. Every rule runs before a plan touches memory; a broken rule is an
 * exception whose message starts with the phase ({@code "rnn forward: "}) and names the argument:
 * <ul>
 *   <li>{@code mode} and {@code xDesc} present, {@code xDesc.vectorSize()} = the RNN's inputSize (the lengths
 *       themselves are checked when the {@link RnnDataDescriptor} is made: each in [1, maxSeqLength]);</li>
 *   <li>every tensor alive, on the backend's device, float32;</li>
 *   <li>x, dx: {@code xDesc.shape()}; y, dy: the same with vectorSize = outputSize; hx, hy, dhx, dhy and (LSTM
 *       only; null for the other modes) cx, cy, dcx, dcy: [numLayers × directions, batch, hidden]; the states
 *       may be null, x, y, dx, dy may not;</li>
 *   <li>sequences and states: stride 1 along the last axis, any other strides ({@link Strides#UNIT_LAST_AXIS});
 *       a backend whose library reads only packed tensors packs views itself (see {@link Strides#CONTIGUOUS});</li>
 *   <li>the weight space (and its gradient): exactly {@link RnnPlan#weightSpaceSize()} elements, contiguous;</li>
 *   <li>work and reserve spaces: contiguous, at least {@link RnnPlan#spaceSizes} elements, null only where that
 *       size is 0; a reserve given to an inference forward is checked like any tensor and not used.</li>
 * </ul>
 * What only one backend can know (the CPU reserve header that says which forward wrote it) it checks itself,
 * after these.
 */
public final class RnnCallRules {

    /** Which strides a plan accepts for sequences and states. */
    public enum Strides {
        /** Stride 1 along the last axis, anything else: what every backend's public plan accepts. */
        UNIT_LAST_AXIS,
        /**
         * Contiguous only: for an inner plan over a library that reads packed tensors (cuDNN), which the
         * backend wraps in one that copies other views to packed temporaries.
         */
        CONTIGUOUS
    }

    private static final String FORWARD = "rnn forward";
    private static final String BACKWARD_DATA = "rnn backwardData";
    private static final String BACKWARD_WEIGHTS = "rnn backwardWeights";

    private final Device device;
    private final Strides strides;

    /** The rules of a plan on {@code device} that accepts sequences and states with {@code strides}. */
    public RnnCallRules(Device device, Strides strides) {
        if (device == null) throw new IllegalArgumentException("device is null");
        if (strides == null) throw new IllegalArgumentException("strides is null");
        this.device = device;
        this.strides = strides;
    }

    /** The arguments of {@link RnnPlan#spaceSizes}. */
    public static void spaceSizes(RnnDescriptor rnn, RnnForwardMode mode, RnnDataDescriptor xDesc) {
        descriptors("rnn spaceSizes", rnn, mode, xDesc);
    }

    /** The arguments of {@link RnnPlan#forward} for {@code plan}. */
    public void forward(RnnPlan plan, RnnForwardMode mode, RnnDataDescriptor xDesc, Tensor x, Tensor y, Tensor hx, Tensor hy, Tensor cx,
                        Tensor cy, Tensor weightSpace, Tensor workSpace, Tensor reserveSpace) {
        Call c = call(FORWARD, plan, mode, xDesc);
        c.sequences("x", x, xDesc).sequences("y", y, c.yDesc).state("hx", hx).state("hy", hy).cell("cx", cx).cell("cy", cy)
                .weights("weightSpace", weightSpace).space("workSpace", workSpace, c.sizes.workSpaceSize())
                .space("reserveSpace", reserveSpace, mode == RnnForwardMode.TRAINING ? c.sizes.reserveSpaceSize() : 0);
    }

    /** The arguments of {@link RnnPlan#backwardData} for {@code plan}. */
    public void backwardData(RnnPlan plan, RnnDataDescriptor xDesc, Tensor y, Tensor dy, Tensor dx, Tensor hx, Tensor dhy, Tensor dhx,
                             Tensor cx, Tensor dcy, Tensor dcx, Tensor weightSpace, Tensor workSpace, Tensor reserveSpace) {
        Call c = call(BACKWARD_DATA, plan, RnnForwardMode.TRAINING, xDesc);
        c.sequences("y", y, c.yDesc).sequences("dy", dy, c.yDesc).sequences("dx", dx, xDesc)
                .state("hx", hx).state("dhy", dhy).state("dhx", dhx).cell("cx", cx).cell("dcy", dcy).cell("dcx", dcx)
                .weights("weightSpace", weightSpace).space("workSpace", workSpace, c.sizes.workSpaceSize())
                .space("reserveSpace", reserveSpace, c.sizes.reserveSpaceSize());
    }

    /** The arguments of {@link RnnPlan#backwardWeights} for {@code plan}. */
    public void backwardWeights(RnnPlan plan, RnnDataDescriptor xDesc, Tensor x, Tensor hx, Tensor y, Tensor dWeightSpace, Tensor workSpace,
                                Tensor reserveSpace) {
        Call c = call(BACKWARD_WEIGHTS, plan, RnnForwardMode.TRAINING, xDesc);
        c.sequences("x", x, xDesc).state("hx", hx).sequences("y", y, c.yDesc).weights("dWeightSpace", dWeightSpace)
                .space("workSpace", workSpace, c.sizes.workSpaceSize()).space("reserveSpace", reserveSpace, c.sizes.reserveSpaceSize());
    }

    private static void descriptors(String op, RnnDescriptor rnn, RnnForwardMode mode, RnnDataDescriptor xDesc) {
        if (mode == null) throw new IllegalArgumentException(op + ": mode is null");
        if (xDesc == null) throw new IllegalArgumentException(op + ": xDesc is null");
        if (xDesc.vectorSize() != rnn.inputSize()) {
            throw new IllegalArgumentException(op + ": xDesc vectorSize " + xDesc.vectorSize() + " differs from the RNN's inputSize " + rnn.inputSize());
        }
    }

    private Call call(String op, RnnPlan plan, RnnForwardMode mode, RnnDataDescriptor xDesc) {
        RnnDescriptor rnn = plan.descriptor();
        descriptors(op, rnn, mode, xDesc);
        return new Call(op, rnn, xDesc, plan.spaceSizes(mode, xDesc), plan.weightSpaceSize());
    }

    /** One call's checks, one operand per method. */
    private final class Call {
        final String op;
        final RnnDescriptor rnn;
        final RnnDataDescriptor yDesc;
        final RnnSpaceSizes sizes;
        final long weightSpaceSize;
        final long[] stateShape;

        Call(String op, RnnDescriptor rnn, RnnDataDescriptor xDesc, RnnSpaceSizes sizes, long weightSpaceSize) {
            this.op = op;
            this.rnn = rnn;
            this.yDesc = xDesc.withVectorSize(rnn.outputSize());
            this.sizes = sizes;
            this.weightSpaceSize = weightSpaceSize;
            this.stateShape = new long[] {(long) rnn.numLayers() * rnn.directions(), xDesc.batchSize(), rnn.hiddenSize()};
        }

        private Tensor floats(String name, Tensor t) {
            return Operands.of(op, name, t, device, DType.FLOAT32);
        }

        private void viewStrides(String name, Tensor t) {
            if (strides == Strides.CONTIGUOUS) {
                Operands.contiguous(op, name, t);
            } else {
                Operands.unitLastStride(op, name, t);
            }
        }

        Call sequences(String name, Tensor t, RnnDataDescriptor desc) {
            Operands.shape(op, name, floats(name, t), desc.shape());
            viewStrides(name, t);
            return this;
        }

        Call state(String name, Tensor t) {
            if (t == null) return this;
            Operands.shape(op, name, floats(name, t), stateShape);
            viewStrides(name, t);
            return this;
        }

        Call cell(String name, Tensor t) {
            if (t != null && !rnn.mode().hasCellState()) {
                throw new IllegalArgumentException(op + ": " + name + " must be null: " + rnn.mode() + " has no cell state");
            }
            return state(name, t);
        }

        Call weights(String name, Tensor t) {
            floats(name, t);
            if (t.elementCount() != weightSpaceSize) {
                throw new IllegalArgumentException(op + ": " + name + " has " + t.elementCount() + " elements; the RNN's weight space has "
                        + weightSpaceSize);
            }
            Operands.contiguous(op, name, t);
            return this;
        }

        Call space(String name, Tensor t, long needed) {
            if (t == null) {
                if (needed == 0) return this;
                throw new IllegalArgumentException(op + ": " + name + " is null but this call needs " + needed + " elements");
            }
            floats(name, t);
            if (t.elementCount() < needed) {
                throw new IllegalArgumentException(op + ": " + name + " has " + t.elementCount() + " elements, fewer than the " + needed
                        + " this call needs");
            }
            Operands.contiguous(op, name, t);
            return this;
        }
    }
}

package dev.rnn4j.cuda;

import dev.rnn4j.rnn.RnnDataDescriptor;
import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.rnn.RnnSpaceSizes;
import dev.rnn4j.tensor.DType;
import dev.rnn4j.tensor.Device;
import dev.rnn4j.tensor.Shapes;
import dev.rnn4j.tensor.Tensor;
import java.util.Arrays;

/**
 * Host-side checks of one RNN call's operands against its descriptors (see {@link dev.rnn4j.rnn.RnnPlan} for
 * the shapes). Fluent: each method checks one operand and returns this. Null is allowed where cuDNN allows
 * it (initial states, state gradients, a zero-size work space).
 */
final class RnnOperands {

    private final String op;
    private final Device device;
    private final RnnDescriptor rnn;
    private final RnnDataDescriptor xDesc;
    private final RnnSpaceSizes sizes;

    RnnOperands(String op, Device device, RnnDescriptor rnn, RnnDataDescriptor xDesc, RnnSpaceSizes sizes) {
        this.op = op;
        this.device = device;
        this.rnn = rnn;
        this.xDesc = xDesc;
        this.sizes = sizes;
    }

    static void checkInput(String op, RnnDescriptor rnn, RnnDataDescriptor xDesc) {
        if (xDesc == null) throw new IllegalArgumentException(op + ": xDesc is null");
        if (xDesc.vectorSize() != rnn.inputSize()) {
            throw new IllegalArgumentException(op + ": xDesc vectorSize " + xDesc.vectorSize() + " differs from the RNN's inputSize " + rnn.inputSize());
        }
    }

    private Tensor required(String name, Tensor t) {
        if (t == null) throw new IllegalArgumentException(op + ": " + name + " is null");
        return DeviceOperands.floats(device, op, name, t);
    }

    private void shape(String name, Tensor t, long[] expected) {
        if (!Arrays.equals(t.shape(), expected)) {
            throw new IllegalArgumentException(op + ": " + name + " must have shape " + Shapes.toString(expected) + " but is " + t.describe());
        }
    }

    RnnOperands input(String name, Tensor t) {
        shape(name, required(name, t), xDesc.shape());
        return this;
    }

    RnnOperands output(String name, Tensor t) {
        shape(name, required(name, t), xDesc.withVectorSize(rnn.outputSize()).shape());
        return this;
    }

    long[] stateShape() {
        return new long[] {(long) rnn.numLayers() * rnn.directions(), xDesc.batchSize(), rnn.hiddenSize()};
    }

    RnnOperands state(String name, Tensor t) {
        if (t != null) shape(name, DeviceOperands.floats(device, op, name, t), stateShape());
        return this;
    }

    RnnOperands cellState(String name, Tensor t) {
        if (t != null && !rnn.mode().hasCellState()) throw new IllegalArgumentException(op + ": " + name + " given but " + rnn.mode() + " has no cell state");
        return state(name, t);
    }

    RnnOperands weights(String name, Tensor t) {
        required(name, t);
        long expected = rnn.weightLayout().size();
        if (t.elementCount() != expected) {
            throw new IllegalArgumentException(op + ": " + name + " has " + t.elementCount() + " elements; the weight space has " + expected);
        }
        return this;
    }

    RnnOperands workSpace(Tensor t) {
        return space("workSpace", t, sizes.workSpaceSize());
    }

    RnnOperands reserveSpace(Tensor t, boolean needed) {
        return space("reserveSpace", t, needed ? sizes.reserveSpaceSize() : 0);
    }

    private RnnOperands space(String name, Tensor t, long needed) {
        if (t == null) {
            if (needed > 0) throw new IllegalArgumentException(op + ": " + name + " is null but " + needed + " floats are needed");
            return this;
        }
        DeviceOperands.on(device, op, name, t, DType.FLOAT32);
        if (t.elementCount() < needed) {
            throw new IllegalArgumentException(op + ": " + name + " has " + t.elementCount() + " floats; this call needs " + needed);
        }
        return this;
    }
}

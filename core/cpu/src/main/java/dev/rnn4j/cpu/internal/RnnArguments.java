package dev.rnn4j.cpu.internal;

import dev.rnn4j.rnn.RnnDataDescriptor;
import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.tensor.DType;
import dev.rnn4j.tensor.Shapes;
import dev.rnn4j.tensor.Tensor;
import java.util.Arrays;

/**
 * Argument checks of the CPU RNN, all done before any memory is touched; each message names the argument.
 */
final class RnnArguments {

    private RnnArguments() {
    }

    static void requireXDesc(RnnDescriptor rnn, RnnDataDescriptor xDesc) {
        if (xDesc == null) throw new IllegalArgumentException("xDesc is null");
        if (xDesc.vectorSize() != rnn.inputSize()) {
            throw new IllegalArgumentException("xDesc.vectorSize " + xDesc.vectorSize() + " does not match the RNN's inputSize " + rnn.inputSize());
        }
    }

    /** A padded sequence tensor of {@code desc}'s shape. */
    static void requireSequences(String name, Tensor t, RnnDataDescriptor desc) {
        if (t == null) throw new IllegalArgumentException(name + " is null");
        requireShape(name, t, desc.shape());
    }

    /** A state tensor [layers·directions, batch, hidden], or null. */
    static void requireStateOrNull(String name, Tensor t, RnnDescriptor rnn, int batch) {
        if (t == null) return;
        requireShape(name, t, new long[] {(long) rnn.numLayers() * rnn.directions(), batch, rnn.hiddenSize()});
    }

    /** A cell-state tensor: like a state for LSTM, must be null for the other modes (they have no c). */
    static void requireCellOrNull(String name, Tensor t, RnnDescriptor rnn, int batch) {
        if (t != null && !rnn.mode().hasCellState()) {
            throw new IllegalArgumentException(name + " must be null: " + rnn.mode() + " has no cell state");
        }
        requireStateOrNull(name, t, rnn, batch);
    }

    /** A contiguous float32 host space of exactly {@code size} elements (a weight space or its gradient). */
    static void requireWeights(String name, Tensor t, long size) {
        if (t == null) throw new IllegalArgumentException(name + " is null");
        requireHostFloat(name, t);
        if (t.elementCount() != size) {
            throw new IllegalArgumentException(name + " has " + t.elementCount() + " elements; the RNN's weight space has " + size);
        }
        requireContiguous(name, t);
    }

    /** A contiguous float32 host space of at least {@code size} elements; null only when size is 0. */
    static void requireSpace(String name, Tensor t, long size) {
        if (t == null) {
            if (size == 0) return;
            throw new IllegalArgumentException(name + " is null but " + size + " elements are needed");
        }
        requireHostFloat(name, t);
        if (t.elementCount() < size) {
            throw new IllegalArgumentException(name + " has " + t.elementCount() + " elements, fewer than the " + size + " this call needs");
        }
        requireContiguous(name, t);
    }

    private static void requireShape(String name, Tensor t, long[] shape) {
        requireHostFloat(name, t);
        if (!Arrays.equals(t.shape(), shape)) {
            throw new IllegalArgumentException(name + " has shape " + Shapes.toString(t.shape()) + ", expected " + Shapes.toString(shape));
        }
        if (t.stride(t.rank() - 1) != 1 && t.dim(t.rank() - 1) > 1) {
            throw new IllegalArgumentException(name + " must have stride 1 along its last axis, has strides " + Arrays.toString(t.strides()));
        }
    }

    private static void requireHostFloat(String name, Tensor t) {
        if (!t.isAlive()) throw new IllegalStateException(name + " is closed (" + t.describe() + "): its scope was closed");
        if (!t.device().isHost()) {
            throw new IllegalArgumentException(name + " lives on " + t.device() + " (" + t.describe() + "); the CPU RNN works on cpu (host) memory");
        }
        if (t.dtype() != DType.FLOAT32) throw new IllegalArgumentException(name + " is " + t.dtype() + "; the CPU RNN needs FLOAT32");
    }

    private static void requireContiguous(String name, Tensor t) {
        if (!t.isContiguous()) throw new IllegalArgumentException(name + " must be contiguous, has strides " + Arrays.toString(t.strides()));
    }
}

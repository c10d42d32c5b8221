package dev.rnn4j.cuda;

import static dev.rnn4j.bindings.cudnn.cudnn_h.*;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** cudnnTensorDescriptor_t: a packed float32 tensor of the given dims (hx/cx [layers·dirs, batch, hidden]), or an empty one to be filled by cuDNN. */
final class CudnnTensorDescriptor implements AutoCloseable {

    final MemorySegment descriptor;

    CudnnTensorDescriptor() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment p = a.allocate(ValueLayout.ADDRESS);
            Status.cudnn(cudnnCreateTensorDescriptor(p), "cudnnCreateTensorDescriptor");
            descriptor = p.get(ValueLayout.ADDRESS, 0);
        }
    }

    CudnnTensorDescriptor(int... dims) {
        this();
        try (Arena a = Arena.ofConfined()) {
            int[] strides = new int[dims.length];
            int s = 1;
            for (int i = dims.length - 1; i >= 0; i--) {
                strides[i] = s;
                s *= dims[i];
            }
            Status.cudnn(cudnnSetTensorNdDescriptor(descriptor, CUDNN_DATA_FLOAT(), dims.length, a.allocateFrom(ValueLayout.JAVA_INT, dims),
                    a.allocateFrom(ValueLayout.JAVA_INT, strides)), "cudnnSetTensorNdDescriptor");
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Number of elements cuDNN says this descriptor spans (for checking a weight matrix's size). */
    long elements() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment type = a.allocate(ValueLayout.JAVA_INT);
            MemorySegment nb = a.allocate(ValueLayout.JAVA_INT);
            MemorySegment dims = a.allocate(ValueLayout.JAVA_INT, 8);
            MemorySegment strides = a.allocate(ValueLayout.JAVA_INT, 8);
            Status.cudnn(cudnnGetTensorNdDescriptor(descriptor, 8, type, nb, dims, strides), "cudnnGetTensorNdDescriptor");
            long n = 1;
            for (int i = 0; i < nb.get(ValueLayout.JAVA_INT, 0); i++) n *= dims.getAtIndex(ValueLayout.JAVA_INT, i);
            return n;
        }
    }

    @Override
    public void close() {
        Status.cudnn(cudnnDestroyTensorDescriptor(descriptor), "cudnnDestroyTensorDescriptor");
    }
}

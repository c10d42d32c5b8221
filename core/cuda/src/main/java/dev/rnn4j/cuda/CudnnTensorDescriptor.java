package dev.rnn4j.cuda;

import static dev.rnn4j.bindings.cudnn.cudnn_h.*;

import dev.rnn4j.bindings.cudnn.cudnn_h;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** cudnnTensorDescriptor_t: a packed float32 tensor of the given dims (hx/cx [layers·dirs, batch, hidden]), or an empty one for cuDNN to fill. */
final class CudnnTensorDescriptor extends NativeHandle {

    private static final Kind KIND = Kind.cudnn("cudnnCreateTensorDescriptor", cudnn_h::cudnnCreateTensorDescriptor,
            "cudnnDestroyTensorDescriptor", cudnn_h::cudnnDestroyTensorDescriptor);

    /** An unset descriptor, for cuDNN to describe a weight matrix or bias into (cudnnGetRNNWeightParams). */
    CudnnTensorDescriptor() {
        super(KIND, d -> {
        });
    }

    CudnnTensorDescriptor(int... dims) {
        super(KIND, d -> {
            int[] strides = new int[dims.length];
            int s = 1;
            for (int i = dims.length - 1; i >= 0; i--) {
                strides[i] = s;
                s *= dims[i];
            }
            try (Arena a = Arena.ofConfined()) {
                Status.cudnn(cudnnSetTensorNdDescriptor(d, CUDNN_DATA_FLOAT(), dims.length, a.allocateFrom(ValueLayout.JAVA_INT, dims),
                        a.allocateFrom(ValueLayout.JAVA_INT, strides)), "cudnnSetTensorNdDescriptor");
            }
        });
    }

    /** Number of elements cuDNN says this descriptor spans (for checking a weight matrix's size). */
    long elements() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment type = a.allocate(ValueLayout.JAVA_INT);
            MemorySegment nb = a.allocate(ValueLayout.JAVA_INT);
            MemorySegment dims = a.allocate(ValueLayout.JAVA_INT, 8);
            MemorySegment strides = a.allocate(ValueLayout.JAVA_INT, 8);
            Status.cudnn(cudnnGetTensorNdDescriptor(handle(), 8, type, nb, dims, strides), "cudnnGetTensorNdDescriptor");
            long n = 1;
            for (int i = 0; i < nb.get(ValueLayout.JAVA_INT, 0); i++) n *= dims.getAtIndex(ValueLayout.JAVA_INT, i);
            return n;
        }
    }
}

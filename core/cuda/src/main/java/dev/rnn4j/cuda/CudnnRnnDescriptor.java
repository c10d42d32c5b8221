package dev.rnn4j.cuda;

import static dev.rnn4j.bindings.cudnn.cudnn_h.*;

import dev.rnn4j.rnn.RnnDescriptor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** cudnnRNNDescriptor_t set with cudnnSetRNNDescriptor_v8: standard algorithm, linear input, float32, padded IO. */
final class CudnnRnnDescriptor implements AutoCloseable {

    final MemorySegment descriptor;

    CudnnRnnDescriptor(RnnDescriptor rnn, CudnnDropout dropout, boolean tf32) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment p = a.allocate(ValueLayout.ADDRESS);
            Status.cudnn(cudnnCreateRNNDescriptor(p), "cudnnCreateRNNDescriptor");
            descriptor = p.get(ValueLayout.ADDRESS, 0);
        }
        try {
            Status.cudnn(cudnnSetRNNDescriptor_v8(descriptor, CUDNN_RNN_ALGO_STANDARD(), CudnnEnums.cellMode(rnn.mode()), CudnnEnums.biasMode(rnn.biasMode()),
                    CudnnEnums.direction(rnn.bidirectional()), CUDNN_LINEAR_INPUT(), CUDNN_DATA_FLOAT(), CUDNN_DATA_FLOAT(), CudnnEnums.mathType(tf32),
                    rnn.inputSize(), rnn.hiddenSize(), rnn.hiddenSize(), rnn.numLayers(), dropout.descriptor, CUDNN_RNN_PADDED_IO_ENABLED()),
                    "cudnnSetRNNDescriptor_v8");
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public void close() {
        Status.cudnn(cudnnDestroyRNNDescriptor(descriptor), "cudnnDestroyRNNDescriptor");
    }
}

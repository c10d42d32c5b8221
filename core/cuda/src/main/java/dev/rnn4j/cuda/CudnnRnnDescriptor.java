package dev.rnn4j.cuda;

import static dev.rnn4j.bindings.cudnn.cudnn_h.*;

import dev.rnn4j.bindings.cudnn.cudnn_h;
import dev.rnn4j.rnn.RnnDescriptor;

/** cudnnRNNDescriptor_t set with cudnnSetRNNDescriptor_v8: standard algorithm, linear input, float32, padded IO. */
final class CudnnRnnDescriptor extends NativeHandle {

    private static final Kind KIND = Kind.cudnn("cudnnCreateRNNDescriptor", cudnn_h::cudnnCreateRNNDescriptor,
            "cudnnDestroyRNNDescriptor", cudnn_h::cudnnDestroyRNNDescriptor);

    CudnnRnnDescriptor(RnnDescriptor rnn, CudnnDropout dropout, boolean tf32) {
        super(KIND, d -> Status.cudnn(cudnnSetRNNDescriptor_v8(d, CUDNN_RNN_ALGO_STANDARD(), CudnnEnums.cellMode(rnn.mode()),
                CudnnEnums.biasMode(rnn.biasMode()), CudnnEnums.direction(rnn.bidirectional()), CUDNN_LINEAR_INPUT(), CUDNN_DATA_FLOAT(),
                CUDNN_DATA_FLOAT(), CudnnEnums.mathType(tf32), rnn.inputSize(), rnn.hiddenSize(), rnn.hiddenSize(), rnn.numLayers(),
                dropout.handle(), CUDNN_RNN_PADDED_IO_ENABLED()), "cudnnSetRNNDescriptor_v8"));
    }
}

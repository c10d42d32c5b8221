package dev.rnn4j.cuda;

import static dev.rnn4j.bindings.cudnn.cudnn_h.*;

import dev.rnn4j.bindings.cudnn.cudnn_h;
import dev.rnn4j.rnn.RnnDataDescriptor;
import java.lang.foreign.Arena;
import java.lang.foreign.ValueLayout;

/** cudnnRNNDataDescriptor_t: padded (unpacked) float32 sequences with per-sequence lengths; padding is filled with 0. */
final class CudnnRnnDataDescriptor extends NativeHandle {

    private static final Kind KIND = Kind.cudnn("cudnnCreateRNNDataDescriptor", cudnn_h::cudnnCreateRNNDataDescriptor,
            "cudnnDestroyRNNDataDescriptor", cudnn_h::cudnnDestroyRNNDataDescriptor);

    CudnnRnnDataDescriptor(RnnDataDescriptor data) {
        super(KIND, d -> {
            try (Arena a = Arena.ofConfined()) {
                Status.cudnn(cudnnSetRNNDataDescriptor(d, CUDNN_DATA_FLOAT(), CudnnEnums.layout(data.layout()), data.maxSeqLength(), data.batchSize(),
                        data.vectorSize(), a.allocateFrom(ValueLayout.JAVA_INT, data.seqLengths()), a.allocateFrom(ValueLayout.JAVA_FLOAT, 0f)),
                        "cudnnSetRNNDataDescriptor");
            }
        });
    }
}

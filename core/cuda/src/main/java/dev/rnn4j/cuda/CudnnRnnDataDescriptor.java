package dev.rnn4j.cuda;

import static dev.rnn4j.bindings.cudnn.cudnn_h.*;

import dev.rnn4j.rnn.RnnDataDescriptor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** cudnnRNNDataDescriptor_t: padded (unpacked) float32 sequences with per-sequence lengths; padding is filled with 0. */
final class CudnnRnnDataDescriptor implements AutoCloseable {

    final MemorySegment descriptor;

    CudnnRnnDataDescriptor(RnnDataDescriptor data) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment p = a.allocate(ValueLayout.ADDRESS);
            Status.cudnn(cudnnCreateRNNDataDescriptor(p), "cudnnCreateRNNDataDescriptor");
            descriptor = p.get(ValueLayout.ADDRESS, 0);
            try {
                Status.cudnn(cudnnSetRNNDataDescriptor(descriptor, CUDNN_DATA_FLOAT(), CudnnEnums.layout(data.layout()), data.maxSeqLength(),
                        data.batchSize(), data.vectorSize(), a.allocateFrom(ValueLayout.JAVA_INT, data.seqLengths()),
                        a.allocateFrom(ValueLayout.JAVA_FLOAT, 0f)), "cudnnSetRNNDataDescriptor");
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }
    }

    @Override
    public void close() {
        Status.cudnn(cudnnDestroyRNNDataDescriptor(descriptor), "cudnnDestroyRNNDataDescriptor");
    }
}

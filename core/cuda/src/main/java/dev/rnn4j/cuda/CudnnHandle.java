package dev.rnn4j.cuda;

import static dev.rnn4j.bindings.cudnn.cudnn_h.*;

import dev.rnn4j.bindings.cudnn.cudnn_h;
import java.lang.foreign.MemorySegment;

/** A cuDNN handle bound to the backend's stream. */
final class CudnnHandle extends NativeHandle {

    private static final Kind KIND = Kind.cudnn("cudnnCreate", cudnn_h::cudnnCreate, "cudnnDestroy", cudnn_h::cudnnDestroy);

    CudnnHandle(MemorySegment stream) {
        super(KIND, h -> Status.cudnn(cudnnSetStream(h, stream), "cudnnSetStream"));
    }
}

package dev.rnn4j.cuda;

import static dev.rnn4j.bindings.cudnn.cudnn_h.*;

import dev.rnn4j.bindings.cudnn.cudnn_h;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * cudnnDropoutDescriptor_t with its generator state on the device (allocated only when the rate is
 * non-zero). cuDNN's inter-layer dropout draws from cuDNN's own generator, seeded with the descriptor's
 * seed: it does not reproduce rnn4j's CounterRandom, so RNN dropout masks differ between backends.
 */
final class CudnnDropout extends NativeHandle {

    private static final Kind KIND = Kind.cudnn("cudnnCreateDropoutDescriptor", cudnn_h::cudnnCreateDropoutDescriptor,
            "cudnnDestroyDropoutDescriptor", cudnn_h::cudnnDestroyDropoutDescriptor);

    private final DeviceBuffer states; // null at rate 0

    private CudnnDropout(MemorySegment cudnn, float rate, long seed, DeviceBuffer states) {
        super(KIND, d -> Status.cudnn(cudnnSetDropoutDescriptor(d, cudnn, rate, states == null ? MemorySegment.NULL : states.pointer(),
                states == null ? 0 : states.bytes, seed), "cudnnSetDropoutDescriptor"));
        this.states = states;
    }

    static CudnnDropout create(CudaContext cuda, float rate, long seed) {
        MemorySegment cudnn = cuda.cudnn().handle();
        DeviceBuffer states = rate > 0f ? new DeviceBuffer(cuda.allocator, statesSize(cudnn)) : null;
        try {
            return new CudnnDropout(cudnn, rate, seed, states);
        } catch (RuntimeException e) {
            if (states != null) states.close();
            throw e;
        }
    }

    private static long statesSize(MemorySegment cudnn) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment bytes = a.allocate(ValueLayout.JAVA_LONG);
            Status.cudnn(cudnnDropoutGetStatesSize(cudnn, bytes), "cudnnDropoutGetStatesSize");
            return bytes.get(ValueLayout.JAVA_LONG, 0);
        }
    }

    /** Destroys the descriptor, then returns its state memory (both once). */
    @Override
    public void close() {
        try {
            super.close();
        } finally {
            if (states != null) states.close();
        }
    }
}

package dev.rnn4j.cuda;

import static dev.rnn4j.bindings.cudnn.cudnn_h.*;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * cudnnDropoutDescriptor_t with its generator state on the device (allocated only when the rate is
 * non-zero). cuDNN's inter-layer dropout draws from cuDNN's own generator, seeded with the descriptor's
 * seed: it does not reproduce rnn4j's CounterRandom, so RNN dropout masks differ between backends.
 */
final class CudnnDropout implements AutoCloseable {

    final MemorySegment descriptor;
    private final DeviceBuffer states;

    CudnnDropout(CudaContext cuda, float rate, long seed) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment p = a.allocate(ValueLayout.ADDRESS);
            Status.cudnn(cudnnCreateDropoutDescriptor(p), "cudnnCreateDropoutDescriptor");
            descriptor = p.get(ValueLayout.ADDRESS, 0);
            DeviceBuffer s = null;
            try {
                long size = 0;
                if (rate > 0f) {
                    MemorySegment bytes = a.allocate(ValueLayout.JAVA_LONG);
                    Status.cudnn(cudnnDropoutGetStatesSize(cuda.cudnn().handle, bytes), "cudnnDropoutGetStatesSize");
                    size = bytes.get(ValueLayout.JAVA_LONG, 0);
                    s = new DeviceBuffer(cuda.allocator, size);
                }
                Status.cudnn(cudnnSetDropoutDescriptor(descriptor, cuda.cudnn().handle, rate, s == null ? MemorySegment.NULL : s.pointer(), size, seed),
                        "cudnnSetDropoutDescriptor");
            } catch (RuntimeException e) {
                if (s != null) s.close();
                cudnnDestroyDropoutDescriptor(descriptor);
                throw e;
            }
            states = s;
        }
    }

    @Override
    public void close() {
        try {
            Status.cudnn(cudnnDestroyDropoutDescriptor(descriptor), "cudnnDestroyDropoutDescriptor");
        } finally {
            if (states != null) states.close();
        }
    }
}

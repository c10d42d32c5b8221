package dev.rnn4j.cuda;

import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;

/** {@link PackingRnnPlan}'s temporaries on the GPU: caching-allocator blocks, and cuMemcpyDtoDAsync on the backend's stream. */
final class DevicePacker implements PackingRnnPlan.Packer {

    private final CudaContext cuda;
    private final CudaMemory memory;

    DevicePacker(CudaContext cuda) {
        this.cuda = cuda;
        this.memory = new CudaMemory(cuda);
    }

    @Override
    public Tensor allocate(TensorScope scope, Tensor like) {
        return memory.allocate(scope, like.dtype(), like.shape());
    }

    @Override
    public void copy(Tensor src, long srcElement, Tensor dst, long dstElement, long elements) {
        long size = src.dtype().byteSize();
        Driver.copyDeviceToDevice(dst.segment().address() + dstElement * size, src.segment().address() + srcElement * size, elements * size,
                cuda.stream);
    }
}

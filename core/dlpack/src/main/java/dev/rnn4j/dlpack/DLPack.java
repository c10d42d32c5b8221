package dev.rnn4j.dlpack;

import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;
import java.lang.foreign.MemorySegment;

/**
 * Tensors exchanged with other frameworks through DLPack 1.x ({@code DLManagedTensorVersioned}), without copies.
 *
 * <p><b>Import</b> ({@link #fromDLPack}): rnn4j takes over the producer's managed tensor. Host memory (kDLCPU,
 * kDLCUDAHost) becomes a host tensor read and written in place; kDLCUDA memory becomes a device tensor on
 * {@code cuda:device_id} for the CUDA backend (the host cannot read it). Float32, float16, bfloat16 and int32,
 * any shape of up to 64 dimensions, strides (in elements, NULL meaning row-major) of 0 or more, and byte_offset
 * are taken. The producer's deleter runs exactly once: when {@code scope}'s memory is freed, or right away if the
 * tensor is rejected (another major version, another dtype, device or negative strides...), with an exception
 * that says why. A tensor flagged {@code DLPACK_FLAG_BITMASK_READ_ONLY} comes back {@linkplain Tensor#isReadOnly()
 * read-only}: host writes through rnn4j throw (its segment is read-only); for device memory the flag is carried
 * but the CUDA kernels do not check it, so never pass such a tensor as an output.
 *
 * <p><b>Export</b> ({@link #toDLPack}): a managed tensor over an rnn4j tensor's memory, with its shape, strides
 * (in elements) and byte_offset, flagged read-only when the tensor is. The consumer must call its deleter when
 * done; until then the memory stays allocated, even past {@link TensorScope#close()} (a {@link TensorScope.Hold}).
 * The deleter may be called from any thread and, when the scope was closed before, frees the scope's memory on
 * that thread: export from scopes over a shared arena ({@link TensorScope#open()}).
 *
 * <p>Neither direction synchronizes a device: before handing device memory over, the side that wrote it
 * finishes its work (rnn4j: {@code backend.synchronize()}; a producer: its stream).
 */
public final class DLPack {

    private DLPack() {
    }

    /**
     * Borrows the producer's tensor at {@code managedTensor} (a {@code DLManagedTensorVersioned*}) as a tensor of
     * {@code scope}, without copying; its deleter runs once, when the scope's memory is freed.
     *
     * @throws IllegalArgumentException naming what rnn4j cannot take (the deleter has then already run)
     */
    public static Tensor fromDLPack(TensorScope scope, MemorySegment managedTensor) {
        return DLPackImport.fromDLPack(scope, managedTensor);
    }

    /**
     * Lends {@code tensor}, whose memory belongs to {@code scope}, as a {@code DLManagedTensorVersioned*} for
     * another framework; that framework calls its deleter when done.
     *
     * @throws IllegalArgumentException when the tensor's memory is not {@code scope}'s (a wrapped segment, say)
     */
    public static MemorySegment toDLPack(TensorScope scope, Tensor tensor) {
        return DLPackExport.toDLPack(scope, tensor);
    }
}

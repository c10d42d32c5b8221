package dev.rnn4j.dlpack;

import static dev.rnn4j.bindings.dlpack.dlpack_h.*;

import dev.rnn4j.bindings.dlpack.DLManagedTensorVersioned;
import dev.rnn4j.bindings.dlpack.DLPackVersion;
import dev.rnn4j.bindings.dlpack.DLTensor;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lending an rnn4j tensor as a {@code DLManagedTensorVersioned}: the struct, its shape and its strides live in an
 * arena of their own, and the export holds the tensor's scope ({@link TensorScope#hold()}), so the memory stays
 * allocated until the consumer calls the deleter, even if the scope is closed before. The deleter is one upcall
 * stub for all exports; it frees the struct and releases the hold, once (a second call finds nothing to release).
 */
final class DLPackExport {

    /** Live exports by the address of their struct, which is what the deleter receives. */
    private static final Map<Long, Export> LIVE = new ConcurrentHashMap<>();

    private static final MemorySegment DELETER = DLManagedTensorVersioned.deleter.allocate(DLPackExport::delete, Arena.global());

    private DLPackExport() {
    }

    private record Export(Arena struct, TensorScope.Hold hold) {
        void release() {
            try {
                struct.close();
            } finally {
                hold.close();
            }
        }
    }

    static MemorySegment toDLPack(TensorScope scope, Tensor tensor) {
        if (scope == null) throw new IllegalArgumentException("toDLPack: scope is null");
        if (tensor == null) throw new IllegalArgumentException("toDLPack: tensor is null");
        if (!scope.isAlive()) throw new IllegalStateException("toDLPack: the scope is closed");
        tensor.requireAlive();
        if (!scope.owns(tensor)) {
            throw new IllegalArgumentException("toDLPack: the memory of " + tensor.describe() + " does not belong to this scope; export it with the"
                    + " TensorScope that owns it, which keeps it allocated until the consumer calls the deleter");
        }
        long data = tensor.device().isHost() ? tensor.segment().address() : tensor.deviceMemory().address();
        Arena arena = Arena.ofShared();
        TensorScope.Hold hold = scope.hold();
        try {
            MemorySegment managed = DLManagedTensorVersioned.allocate(arena);
            MemorySegment version = DLManagedTensorVersioned.version(managed);
            DLPackVersion.major(version, DLPACK_MAJOR_VERSION());
            DLPackVersion.minor(version, DLPACK_MINOR_VERSION());
            DLManagedTensorVersioned.manager_ctx(managed, MemorySegment.NULL);
            DLManagedTensorVersioned.deleter(managed, DELETER);
            DLManagedTensorVersioned.flags(managed, tensor.isReadOnly() ? DLPACK_FLAG_BITMASK_READ_ONLY() : 0L);
            MemorySegment dl = DLManagedTensorVersioned.dl_tensor(managed);
            DLTensor.data(dl, MemorySegment.ofAddress(data));
            DLPackTypes.writeDevice(DLTensor.device(dl), tensor.device());
            DLTensor.ndim(dl, tensor.rank());
            DLPackTypes.writeDType(DLTensor.dtype(dl), tensor.dtype());
            DLTensor.shape(dl, arena.allocateFrom(ValueLayout.JAVA_LONG, tensor.shape()));
            DLTensor.strides(dl, arena.allocateFrom(ValueLayout.JAVA_LONG, tensor.strides()));
            DLTensor.byte_offset(dl, tensor.byteOffset());
            LIVE.put(managed.address(), new Export(arena, hold));
            return managed;
        } catch (RuntimeException | Error e) {
            new Export(arena, hold).release();
            throw e;
        }
    }

    /** How many exports wait for their deleter (for tests). */
    static int live() {
        return LIVE.size();
    }

    /** The deleter, called by the consumer from any thread. Nothing may unwind into the native caller. */
    private static void delete(MemorySegment self) {
        try {
            Export export = LIVE.remove(self.address());
            if (export != null) export.release();
        } catch (Throwable t) {
            try {
                System.err.println("rnn4j: releasing a DLPack export failed: " + t);
            } catch (Throwable ignored) {
                // nothing more can be done inside a native callback
            }
        }
    }
}

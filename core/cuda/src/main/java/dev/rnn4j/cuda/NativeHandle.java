package dev.rnn4j.cuda;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * One object of a library that hands out opaque handles (a cuBLAS or cuDNN handle, a cuDNN descriptor): made by
 * a create call that writes the handle through an out-pointer, configured by its set-calls, destroyed by its
 * destroy function exactly once. If a set-call fails, the new handle is destroyed before the failure is
 * rethrown; {@link #close()} is idempotent. Each kind of descriptor is a small subclass that passes its
 * {@link Kind} and its set-calls (as PyTorch's cudnn/Descriptors.h builds each descriptor on one owner type).
 */
class NativeHandle implements AutoCloseable {

    /** A create call: writes the new handle to {@code out} and returns the library's status. */
    @FunctionalInterface
    interface Create {
        int call(MemorySegment out);
    }

    /** A destroy call, returning the library's status. */
    @FunctionalInterface
    interface Destroy {
        int call(MemorySegment handle);
    }

    /** Throws for a non-zero status of {@code function} ({@link Status#cudnn}, {@link Status#cublas}). */
    @FunctionalInterface
    interface StatusCheck {
        void check(int status, String function);
    }

    /** The set-calls that configure a new handle. */
    @FunctionalInterface
    interface Setup {
        void configure(MemorySegment handle);
    }

    /** One kind of handle: its create and destroy functions (with their names, for messages) and its library's status check. */
    record Kind(String createName, Create create, String destroyName, Destroy destroy, StatusCheck status) {

        static Kind cudnn(String createName, Create create, String destroyName, Destroy destroy) {
            return new Kind(createName, create, destroyName, destroy, Status::cudnn);
        }
    }

    private final Kind kind;
    private final MemorySegment handle;
    private boolean closed;

    /** Creates the handle and runs {@code setup} on it; on any failure nothing stays allocated. */
    NativeHandle(Kind kind, Setup setup) {
        this.kind = kind;
        MemorySegment created;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ValueLayout.ADDRESS);
            kind.status().check(kind.create().call(out), kind.createName());
            created = out.get(ValueLayout.ADDRESS, 0);
        }
        try {
            setup.configure(created);
        } catch (RuntimeException | Error e) {
            try {
                kind.status().check(kind.destroy().call(created), kind.destroyName());
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        this.handle = created;
    }

    /** The live handle, for the library's calls; throws after {@link #close()}. */
    final MemorySegment handle() {
        if (closed) throw new IllegalStateException("the handle from " + kind.createName() + " was already destroyed with " + kind.destroyName());
        return handle;
    }

    final boolean isClosed() {
        return closed;
    }

    /** Destroys the handle the first time; later calls do nothing. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        kind.status().check(kind.destroy().call(handle), kind.destroyName());
    }
}

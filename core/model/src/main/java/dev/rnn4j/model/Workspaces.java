package dev.rnn4j.model;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.tensor.DType;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A model's step memory: flat float32 buffers on the backend's device that its {@link GradientTape}s borrow and
 * give back when they close, so that a training step does not allocate, zero-fill (the arena's own fill and the
 * page faults of fresh memory) and free tens of megabytes each time. A request takes the smallest free buffer
 * that holds it, else a new buffer of the requested size plus an eighth (ragged batches, whose RNN spaces vary
 * with the sum of the sequence lengths, then settle on a few buffers). A buffer that no pass borrowed during the
 * last {@link #IDLE_PASSES} tape closings is freed, so a pass that needed much more memory than training does
 * (a long decoding loop, a huge batch) does not keep it. Everything is freed by {@link #close()} (the model's
 * close); a buffer given back after that is freed at once.
 */
final class Workspaces implements AutoCloseable {

    /** Requests below this many floats are not pooled: the tape's arena serves them from the heap cheaply. */
    static final long MIN_ELEMENTS = 4096;

    /** Tape closings a free buffer may stay unborrowed before it is freed. */
    static final int IDLE_PASSES = 2;

    /** One buffer with its own scope, so that it can be freed alone. */
    static final class Buffer {
        private final TensorScope scope;
        private final Tensor flat;
        private long lastBorrowed;

        private Buffer(TensorScope scope, Tensor flat) {
            this.scope = scope;
            this.flat = flat;
        }

        long capacity() {
            return flat.elementCount();
        }

        /** The first elements of the buffer as a contiguous tensor of {@code shape}. */
        Tensor view(long... shape) {
            return flat.slice(0, 0, dev.rnn4j.tensor.Shapes.elementCount(shape)).reshape(shape);
        }

        private void free() {
            scope.close();
        }
    }

    private final Backend backend;
    private final TreeMap<Long, ArrayDeque<Buffer>> free = new TreeMap<>();
    private long passes;
    private boolean closed;

    Workspaces(Backend backend) {
        this.backend = Objects.requireNonNull(backend, "backend");
    }

    /** A buffer of at least {@code elements} floats, borrowed until {@link #giveBack}; its contents are unspecified. */
    synchronized Buffer borrow(long elements) {
        if (closed) throw new IllegalStateException("the model's step memory is released (the model was closed)");
        Map.Entry<Long, ArrayDeque<Buffer>> fit = free.ceilingEntry(elements);
        Buffer b;
        if (fit != null) {
            b = fit.getValue().pop();
            if (fit.getValue().isEmpty()) free.remove(fit.getKey());
        } else {
            long capacity = Math.max(1, elements + elements / 8);
            TensorScope scope = TensorScope.open();
            try {
                b = new Buffer(scope, backend.allocate(scope, DType.FLOAT32, capacity));
            } catch (RuntimeException | Error e) {
                scope.close();
                throw e;
            }
        }
        b.lastBorrowed = passes;
        return b;
    }

    /** Takes back a closing tape's {@code buffers} and frees those idle for {@link #IDLE_PASSES} closings (all, once closed). */
    synchronized void giveBack(List<Buffer> buffers) {
        passes++;
        for (Buffer b : buffers) {
            if (closed) b.free();
            else free.computeIfAbsent(b.capacity(), k -> new ArrayDeque<>()).push(b);
        }
        for (Iterator<ArrayDeque<Buffer>> sizes = free.values().iterator(); sizes.hasNext(); ) {
            ArrayDeque<Buffer> same = sizes.next();
            same.removeIf(b -> {
                boolean idle = passes - b.lastBorrowed > IDLE_PASSES;
                if (idle) b.free();
                return idle;
            });
            if (same.isEmpty()) sizes.remove();
        }
    }

    /** Runs {@code action} on each free buffer, whole (tests fill them with garbage to show no pass reads stale memory). */
    synchronized void forEachFree(java.util.function.Consumer<Tensor> action) {
        for (ArrayDeque<Buffer> same : free.values()) for (Buffer b : same) action.accept(b.flat);
    }

    /** The free buffers' floats (for tests). */
    synchronized long freeElements() {
        long n = 0;
        for (ArrayDeque<Buffer> same : free.values()) for (Buffer b : same) n += b.capacity();
        return n;
    }

    /** Frees every free buffer now and every borrowed one when it is given back. */
    @Override
    public synchronized void close() {
        closed = true;
        for (ArrayDeque<Buffer> same : free.values()) for (Buffer b : same) b.free();
        free.clear();
    }
}

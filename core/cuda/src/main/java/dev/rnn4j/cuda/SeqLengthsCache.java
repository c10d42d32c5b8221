package dev.rnn4j.cuda;

import dev.rnn4j.rnn.RnnDataDescriptor;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Device copies of an RNN batch's sequence lengths (cuDNN's {@code devSeqLengths}), one per data descriptor,
 * so that forward, backward-data and backward-weights on the same batch upload the lengths, and wait for that
 * upload, once instead of once per phase. Bounded: when a new descriptor would exceed the capacity, the least
 * recently used copy is released. That is safe under the backend's stream order: a released block is only
 * reused by work queued after the calls that read it. Generic in the copy so the policy is tested without a GPU.
 *
 * @param <B> one device copy (a {@link DeviceBuffer} in the backend)
 */
final class SeqLengthsCache<B> implements AutoCloseable {

    /** Distinct length vectors kept: a bucketed training loop needs a few; ragged batches cycle through. */
    static final int CAPACITY = 16;

    private final int capacity;
    private final Function<int[], B> upload;
    private final Consumer<B> release;
    private final LinkedHashMap<RnnDataDescriptor, B> copies = new LinkedHashMap<>(16, 0.75f, true);
    private boolean closed;

    SeqLengthsCache(int capacity, Function<int[], B> upload, Consumer<B> release) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        this.capacity = capacity;
        this.upload = upload;
        this.release = release;
    }

    /** The device copy of {@code xDesc}'s lengths, uploaded on the first request for an equal descriptor. */
    B lengths(RnnDataDescriptor xDesc) {
        if (closed) throw new IllegalStateException("the sequence-length cache of a closed RNN plan");
        B copy = copies.get(xDesc);
        if (copy != null) return copy;
        copy = upload.apply(xDesc.seqLengths());
        copies.put(xDesc, copy);
        if (copies.size() > capacity) {
            Iterator<Map.Entry<RnnDataDescriptor, B>> eldest = copies.entrySet().iterator();
            B evicted = eldest.next().getValue();
            eldest.remove();
            release.accept(evicted);
        }
        return copy;
    }

    int size() {
        return copies.size();
    }

    /** Releases every copy, once. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        copies.values().forEach(release);
        copies.clear();
    }
}

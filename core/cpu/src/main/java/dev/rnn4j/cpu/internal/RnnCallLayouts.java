package dev.rnn4j.cpu.internal;

import dev.rnn4j.rnn.RnnDataDescriptor;
import dev.rnn4j.rnn.RnnDescriptor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@link RnnCallLayout}s of one RNN for the x descriptors it was called with most recently, by value
 * (equal lengths, sizes and layout share one), so a training step's forward, backwardData and
 * backwardWeights compute theirs once. Bounded: masked batches bring new lengths every step. Safe to use from
 * several threads; two threads missing at once may both compute a layout (they are equal).
 */
final class RnnCallLayouts {

    /** Distinct x descriptors kept: a few steps' worth (train and validation batches interleave). */
    static final int CAPACITY = 8;

    private final RnnDescriptor rnn;
    private final Map<RnnDataDescriptor, RnnCallLayout> recent = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<RnnDataDescriptor, RnnCallLayout> eldest) {
            return size() > CAPACITY;
        }
    };

    RnnCallLayouts(RnnDescriptor rnn) {
        this.rnn = rnn;
    }

    /** The layout of a call with {@code xDesc}, which must already be checked against the RNN. */
    RnnCallLayout of(RnnDataDescriptor xDesc) {
        synchronized (recent) {
            RnnCallLayout known = recent.get(xDesc);
            if (known != null) return known;
        }
        RnnCallLayout made = new RnnCallLayout(rnn, xDesc);
        synchronized (recent) {
            RnnCallLayout raced = recent.putIfAbsent(xDesc, made);
            return raced != null ? raced : made;
        }
    }

    /** Descriptors held now (for tests). */
    int size() {
        synchronized (recent) {
            return recent.size();
        }
    }
}

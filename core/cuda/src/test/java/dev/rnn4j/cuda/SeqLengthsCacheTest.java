package dev.rnn4j.cuda;

import static org.junit.jupiter.api.Assertions.*;

import dev.rnn4j.rnn.RnnDataDescriptor;
import dev.rnn4j.rnn.RnnDataLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-descriptor upload of sequence lengths, with a fake upload (no GPU). */
class SeqLengthsCacheTest {

    private final List<int[]> uploads = new ArrayList<>();
    private final List<int[]> released = new ArrayList<>();

    private SeqLengthsCache<int[]> cache(int capacity) {
        return new SeqLengthsCache<>(capacity, lengths -> {
            uploads.add(lengths);
            return lengths;
        }, released::add);
    }

    private static RnnDataDescriptor batch(int... lengths) {
        return new RnnDataDescriptor(5, lengths.length, 3, lengths, RnnDataLayout.SEQ_MAJOR);
    }

    @Test
    void theThreePhasesOfOneBatchUploadItsLengthsOnce() {
        try (SeqLengthsCache<int[]> cache = cache(4)) {
            int[] first = cache.lengths(batch(5, 3));
            assertSame(first, cache.lengths(batch(5, 3)), "an equal descriptor reuses the upload");
            assertSame(first, cache.lengths(batch(5, 3)));
            assertEquals(1, uploads.size());
            assertArrayEquals(new int[] {5, 3}, first);
            cache.lengths(batch(4, 4));
            assertEquals(2, uploads.size());
        }
        assertEquals(2, released.size(), "close releases every copy");
    }

    @Test
    void theLeastRecentlyUsedCopyIsReleasedBeyondTheCapacity() {
        SeqLengthsCache<int[]> cache = cache(2);
        int[] a = cache.lengths(batch(1, 1));
        int[] b = cache.lengths(batch(2, 2));
        cache.lengths(batch(1, 1)); // a is now the most recent
        cache.lengths(batch(3, 3)); // evicts b
        assertEquals(2, cache.size());
        assertEquals(1, released.size());
        assertSame(b, released.get(0));
        assertSame(a, cache.lengths(batch(1, 1)));
        assertEquals(3, uploads.size());
        cache.close();
        cache.close();
        assertEquals(3, released.size(), "close releases each remaining copy once");
        assertThrows(IllegalStateException.class, () -> cache.lengths(batch(1, 1)));
    }

    @Test
    void aFailedUploadCachesNothing() {
        SeqLengthsCache<int[]> cache = new SeqLengthsCache<>(2, lengths -> {
            throw new IllegalStateException("upload failed " + Arrays.toString(lengths));
        }, released::add);
        assertThrows(IllegalStateException.class, () -> cache.lengths(batch(2, 1)));
        assertEquals(0, cache.size());
    }
}

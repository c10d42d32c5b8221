package dev.rnn4j.bench.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TimingTest {

    @Test
    void warmUpRunsAtLeastTheCountAndUntilTheTimeHasPassed() {
        var runs = new AtomicInteger();
        new Timing(3, 0, 1).warmUp(runs::incrementAndGet);
        assertEquals(3, runs.get());

        runs.set(0);
        long start = System.nanoTime();
        new Timing(1, 0.05, 1).warmUp(() -> {
            runs.incrementAndGet();
            sleepMillis(5);
        });
        assertTrue(System.nanoTime() - start >= 50_000_000L, "the warm-up ended before 0.05 s");
        assertTrue(runs.get() > 1, "only " + runs.get() + " warm-up run(s) in 0.05 s of 5 ms runs");
    }

    @Test
    void medianMillisTimesTheRepetitionsAfterTheWarmUp() {
        var runs = new AtomicInteger();
        new Timing(2, 0, 5).medianMillis(runs::incrementAndGet);
        assertEquals(7, runs.get());
    }

    @Test
    void optionsGiveAWarmUpFloorAndRejectBadValues() {
        assertEquals(2, PeerOptions.parse().warmupSeconds(), 0);
        assertEquals(0.5, PeerOptions.parse("--quick").warmupSeconds(), 0);
        assertEquals(0, PeerOptions.parse("--warmup-seconds", "0").timing().warmupSeconds(), 0);
        for (String bad : new String[] {"-1", "NaN", "Infinity", "x"}) {
            var e = assertThrows(IllegalArgumentException.class, () -> PeerOptions.parse("--warmup-seconds", bad));
            assertTrue(e.getMessage().startsWith("--warmup-seconds"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new Timing(0, -0.5, 1));
    }

    private static void sleepMillis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

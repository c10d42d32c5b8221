package dev.rnn4j.bench.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.backend.Backends;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The soak's loop and sampling on a handful of steps (its figures are not checked: that is what bench/soak is for). */
class SoakTest {

    @Test
    void samplesStepZeroEveryIntervalAndTheLastStep() {
        List<SoakSample> streamed = new ArrayList<>();
        List<SoakSample> samples;
        try (Backend backend = Backends.cpu(); var training = new SoakTraining(backend, new SoakShape(7, 3, 4, 5, 2), 0.01f, 1)) {
            samples = Soak.run(training, new MemoryProbe(), 5, 2, streamed::add);
        }
        assertEquals(List.of(0L, 2L, 4L, 5L), samples.stream().map(SoakSample::step).toList());
        assertEquals(samples, streamed, "each sample is handed on as it is taken");
        assertTrue(Double.isNaN(samples.getFirst().meanLoss()));
        boolean nmtOn = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(a -> a.startsWith("-XX:NativeMemoryTracking=") && !a.endsWith("=off"));
        for (SoakSample s : samples.subList(1, samples.size())) {
            assertTrue(Double.isFinite(s.meanLoss()) && s.meanLoss() > 0, "loss " + s.meanLoss());
            assertTrue(s.memory().rssKb() > 0, "VmRSS read from /proc/self/status");
            assertTrue(s.memory().heapUsed() > 0);
            if (nmtOn) assertTrue(s.memory().nmt().category("Other").mallocCount() > 0);
            else assertNull(s.memory().nmt());
            assertEquals(columns(SoakTable.HEADER.lines().findFirst().orElseThrow()), columns(SoakTable.row(s)), SoakTable.row(s));
        }
        SoakVerdict verdict = SoakVerdict.of(samples, 2, 1024);
        assertEquals(2, verdict.baseline().step());
        assertFalse(verdict.checks().isEmpty(), verdict.line());
    }

    private static int columns(String markdownRow) {
        return markdownRow.split("\\|", -1).length;
    }

    @Test
    void badShapesAndCountsNameTheOption() {
        var e = assertThrows(IllegalArgumentException.class, () -> new SoakShape(30, 16, 0, 20, 8));
        assertEquals("--units must be >= 1, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Soak.run(null, null, 10, 0, s -> { }));
        assertEquals("--sample-every must be >= 1, got 0", e.getMessage());
    }
}

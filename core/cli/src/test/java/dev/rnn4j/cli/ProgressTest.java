package dev.rnn4j.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The progress line's fit to a width, the stable total, and the epoch/summary wording. */
class ProgressTest {

    private static ProgressLine.Snapshot snapshot(double fraction) {
        return new ProgressLine.Snapshot("train", fraction, 1234, 5000, 2, 5, 31, 90, 1.23456, 5120);
    }

    @Test
    void aWideLineShowsEverything() {
        String line = ProgressLine.render(snapshot(0.42), 120, true);
        assertTrue(line.startsWith("train  42% ["), line);
        for (String part : new String[] {"step 1,234/5,000", "epoch 2/5", "0:31/1:30", "loss 1.2346", "5.1k tok/s"}) assertTrue(line.contains(part), line);
        assertTrue(line.length() <= 120, line);
    }

    @Test
    void narrowLinesDropTheLeastImportantPartsAndNeverOverflow() {
        for (int width = 10; width <= 200; width++) {
            String bar = ProgressLine.render(snapshot(0.42), width, true);
            String plain = ProgressLine.render(snapshot(0.42), width, false);
            assertTrue(bar.length() <= width, width + ": " + bar);
            assertTrue(plain.length() <= width, width + ": " + plain);
            if (width >= 24) assertTrue(bar.contains("42%") && bar.contains("loss 1.2346"), width + ": " + bar);
        }
        String eighty = ProgressLine.render(snapshot(0.42), 79, true);
        assertTrue(eighty.contains("[") && eighty.contains("step 1,234/5,000") && eighty.contains("loss"), eighty);
        assertFalse(ProgressLine.render(snapshot(0.42), 100, false).contains("["), "no bar in plain lines");
    }

    @Test
    void theBarAndTheClock() {
        assertEquals("[=====>    ]", ProgressLine.bar(0.5, 12));
        assertEquals("[==========]", ProgressLine.bar(1.0, 12));
        assertEquals("1:15", ProgressLine.clock(75.9));
        assertEquals("1:02:05", ProgressLine.clock(3725));
    }

    @Test
    void theFractionIsTheNearerLimitAndNeverGoesBack() {
        ProgressPlan plan = new ProgressPlan(1000, 60);
        assertEquals(0.5, plan.fraction(500, 10), 1e-12, "steps lead");
        assertEquals(0.75, plan.fraction(100, 45), 1e-12, "time leads");
        assertTrue(plan.timeBound(100, 45));
        assertEquals(1.0, plan.fraction(100, 600), 0.0, "capped at 1");
        ProgressPlan noBudget = new ProgressPlan(1000, 0);
        assertEquals(0.25, noBudget.fraction(250, 1e6), 1e-12);
        double last = 0;
        for (int i = 0; i <= 1000; i++) {
            double f = plan.fraction(i, i * 0.09); // steps and time both move forward
            assertTrue(f >= last, "step " + i);
            last = f;
        }
        assertThrows(IllegalArgumentException.class, () -> new ProgressPlan(0, 1));
    }

    @Test
    void epochLinesNameKerasFiguresAndBitsPerToken() {
        var lm = new TrainingSummary("char", "62 windows, 6,200 chars");
        List<String> line = lm.epochLine(2, 5, Map.of("loss", 1.5, "val_loss", Math.log(2) * 2), null);
        assertEquals(List.of("epoch 2/5: loss 1.5000, val_loss 1.3863, val bits/char 2.000"), line);
        var clf = new TrainingSummary(null, "40 examples");
        String c = clf.epochLine(12, 100, Map.of("loss", 0.1234, "accuracy", 0.95, "val_loss", 0.2345, "val_accuracy", 0.9), "cut short").getFirst();
        assertTrue(c.startsWith("epoch 12/100: loss 0.1234 (cut short), accuracy 95.00%, val_loss 0.2345"), c);
        for (String l : clf.epochLine(1234, 10000, Map.of("loss", 0.1, "accuracy", 0.9, "val_loss", 0.2, "val_accuracy", 0.8), "steps since the resume; cut short")) {
            assertTrue(l.length() <= TrainingSummary.WIDTH, l);
        }
        assertEquals("2.5M", TrainingSummary.compact(2_500_000));
        assertEquals("999", TrainingSummary.compact(999));
    }
}

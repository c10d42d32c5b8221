package dev.rnn4j.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LossChartTest {

    private static LossHistory history(int steps) {
        LossHistory h = new LossHistory();
        for (int i = 0; i < steps; i++) h.add(2.5 * Math.exp(-i / 300.0) + 1 + 0.2 * Math.sin(i * 7.3));
        return h;
    }

    @Test
    void writesAReadablePngOfTheRequestedSize(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("sub/loss.png");
        LossChart.writePng(png, "loss", history(1234), List.of(new LossChart.Point(400, 2.0), new LossChart.Point(800, 1.6), new LossChart.Point(1234, 1.4)));
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img, "file is a PNG");
        assertEquals(LossChart.WIDTH, img.getWidth());
        assertEquals(LossChart.HEIGHT, img.getHeight());
    }

    @Test
    void rejectsAnEmptyHistory(@TempDir Path dir) {
        assertThrows(IllegalArgumentException.class, () -> LossChart.writePng(dir.resolve("a.png"), "t", new LossHistory(), List.of()));
    }

    @Test
    void theStepAxisEndsOnARoundNumber() {
        assertEquals(1, LossChart.roundUp(0.5));
        assertEquals(5000, LossChart.roundUp(4689));
        assertEquals(2500, LossChart.roundUp(2001));
        assertEquals(12000, LossChart.roundUp(10635));
        assertEquals(40, LossChart.roundUp(36));
        assertEquals(100, LossChart.roundUp(100));
    }

    @Test
    void theSmoothedCurveIsACentredMovingAverage() {
        assertArrayEquals(new double[] {1.5, 2, 3, 4, 4.5}, LossChart.movingAverage(new double[] {1, 2, 3, 4, 5}, 3), 1e-12);
        assertEquals(1, LossChart.smoothingWindow(19));
        assertEquals(21, LossChart.smoothingWindow(1000));
        assertEquals(1, LossChart.smoothingWindow(1000) % 2);
    }

    @Test
    void aLongHistoryIsCompactedByAveragingPairs() {
        LossHistory h = new LossHistory();
        for (int i = 0; i < LossHistory.CAPACITY + 2; i++) h.add(i % 2);
        assertEquals(2, h.stride());
        assertEquals(LossHistory.CAPACITY / 2 + 1, h.size());
        assertEquals(0.5, h.values()[0], 0.0);
        LossHistory back = LossHistory.decode(h.encode(), h.stride(), "test");
        assertArrayEquals(h.values(), back.values(), 0.0);
        assertArrayEquals(h.steps(), back.steps(), 0.0);
        assertThrows(IllegalArgumentException.class, () -> LossHistory.decode("not base64!", 1, "test"));
        assertThrows(IllegalArgumentException.class, () -> LossHistory.decode("AAAA", 3, "test"));
    }
}

package dev.rnn4j.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LossChartTest {

    @Test
    void writesAReadablePngOfTheRequestedSize(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("sub/loss.png");
        LossChart.writePng(png, "loss", List.of(new LossChart.Series("train", new double[] {1, 2, 3}, new double[] {2.5, 1.5, 1.0})));
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img, "file is a PNG");
        assertEquals(900, img.getWidth());
        assertEquals(500, img.getHeight());
    }

    @Test
    void rejectsEmptyOrMismatchedSeries(@TempDir Path dir) {
        assertThrows(IllegalArgumentException.class, () -> LossChart.writePng(dir.resolve("a.png"), "t", List.of()));
        assertThrows(IllegalArgumentException.class, () -> new LossChart.Series("s", new double[] {1}, new double[0]));
    }
}

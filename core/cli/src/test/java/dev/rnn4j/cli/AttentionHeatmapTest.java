package dev.rnn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttentionHeatmapTest {

    /** An anti-diagonal (a reversal's attention) with repeated labels: the PNG has one cell per (row, column), the heavy ones dark. */
    @Test
    void writesOneCellPerWeightEvenWithRepeatedLabels(@TempDir Path dir) throws Exception {
        int n = 5;
        float[][] w = new float[n][n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) w[r][c] = c == n - 1 - r ? 0.9f : 0.025f;
        }
        Path png = Path.of(System.getProperty("rnn4j.heatmap.dir", dir.toString())).resolve("anti-diagonal.png");
        AttentionHeatmap.writePng(png, "attention", List.of("3", "1", "2", "1", "4"), List.of("4", "1", "2", "1", "3"), w);
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img, "file is a PNG");
        assertTrue(img.getWidth() >= 480 && img.getHeight() >= 260);
        int dark = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int rgb = img.getRGB(x, y);
                if (((rgb >> 16) & 0xff) < 100 && (rgb & 0xff) > 150) dark++;
            }
        }
        assertTrue(dark > 5 * 20, "five dark cells expected, saw " + dark + " dark samples");
    }

    @Test
    void rejectsMismatchedOrOutOfRangeWeights(@TempDir Path dir) {
        Path png = dir.resolve("a.png");
        assertThrows(IllegalArgumentException.class, () -> AttentionHeatmap.writePng(png, "t", List.of(), List.of("a"), new float[0][]));
        assertThrows(IllegalArgumentException.class, () -> AttentionHeatmap.writePng(png, "t", List.of("a"), List.of("a", "b"), new float[][] {{0.5f}}));
        assertEquals("weight [0][1] = 1.5 is not in [0, 1]", assertThrows(IllegalArgumentException.class,
                () -> AttentionHeatmap.writePng(png, "t", List.of("a"), List.of("a", "b"), new float[][] {{0.5f, 1.5f}})).getMessage());
    }
}

package dev.rnn4j.cli;

import java.awt.Color;
import java.awt.Font;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

/**
 * Writes attention weights as a PNG heatmap with XChart, headless: one row per query (an output step, or the one
 * query of a classifier), one column per attended input step, the weight in each cell (0 white to 1 dark blue,
 * with its value written when the grid is small enough to read). Labels may repeat (the same digit twice): a
 * repeat is shown with its occurrence, "4 (2)", since XChart keys the axes by label.
 */
public final class AttentionHeatmap {

    private static final int CELL = 44;

    private AttentionHeatmap() {
    }

    /**
     * {@code weights[row][column]}, each in [0, 1]; {@code rowLabels} and {@code columnLabels} name the rows (top to
     * bottom) and columns (left to right); the axes are titled "output" and "input".
     */
    public static void writePng(Path file, String title, List<String> rowLabels, List<String> columnLabels, float[][] weights) {
        writePng(file, title, "output", rowLabels, "input", columnLabels, weights);
    }

    /** The same with the axes' titles given ({@code rowAxis} for the vertical one). */
    public static void writePng(Path file, String title, String rowAxis, List<String> rowLabels, String columnAxis, List<String> columnLabels,
                                float[][] weights) {
        check(rowLabels, columnLabels, weights);
        System.setProperty("java.awt.headless", "true");
        int rows = rowLabels.size(), columns = columnLabels.size();
        int width = Math.max(480, 160 + CELL * columns), height = Math.max(260, 150 + CELL * rows);
        HeatMapChart chart = new HeatMapChartBuilder().width(width).height(height).title(title).xAxisTitle(columnAxis).yAxisTitle(rowAxis).build();
        chart.getStyler().setMin(0).setMax(1).setShowValue(rows * columns <= 400).setHeatMapValueDecimalPattern("0.00")
                .setRangeColors(new Color[] {Color.WHITE, new Color(0x9ecae1), new Color(0x3182bd)})
                .setValueFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10)).setValueFontColor(Color.BLACK);
        chart.getStyler().setLegendVisible(true);
        chart.getStyler().setPlotContentSize(1.0);
        List<String> xs = distinct(columnLabels);
        List<String> ys = distinct(rowLabels);
        List<Number[]> cells = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) cells.add(new Number[] {c, rows - 1 - r, weights[r][c]});
        }
        chart.addSeries("attention", xs, ys.reversed(), cells);
        PngFiles.write(chart, file, "attention heatmap");
    }

    /** The labels with " (k)" added to the k-th occurrence (k ≥ 2) of a repeated one, so that no two are equal. */
    private static List<String> distinct(List<String> labels) {
        List<String> out = new ArrayList<>();
        java.util.Map<String, Integer> seen = new java.util.HashMap<>();
        for (String label : labels) {
            int k = seen.merge(label, 1, Integer::sum);
            out.add(k == 1 ? label : label + " (" + k + ")");
        }
        return out;
    }

    private static void check(List<String> rowLabels, List<String> columnLabels, float[][] weights) {
        if (rowLabels.isEmpty() || columnLabels.isEmpty()) throw new IllegalArgumentException("an attention heatmap needs at least one row and one column");
        if (weights.length != rowLabels.size()) {
            throw new IllegalArgumentException(weights.length + " rows of weights for " + rowLabels.size() + " row labels");
        }
        for (int r = 0; r < weights.length; r++) {
            if (weights[r].length != columnLabels.size()) {
                throw new IllegalArgumentException("row " + r + " has " + weights[r].length + " weights for " + columnLabels.size() + " column labels");
            }
            for (int c = 0; c < weights[r].length; c++) {
                if (!(weights[r][c] >= 0f && weights[r][c] <= 1f)) {
                    throw new IllegalArgumentException("weight [" + r + "][" + c + "] = " + weights[r][c] + " is not in [0, 1]");
                }
            }
        }
    }
}

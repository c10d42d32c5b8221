package dev.rnn4j.bench.peers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/** A PNG bar chart of the time ratios (rnn4j / PyTorch; below the 1.0 line rnn4j is faster). */
public final class RatioChart {

    private RatioChart() {
    }

    public static void write(List<PeerResult> results, String subtitle, Path png) throws IOException {
        if (results.isEmpty()) throw new IllegalArgumentException("no results to chart");
        CategoryChart chart = new CategoryChartBuilder().width(1400).height(800)
                .title("rnn4j / PyTorch time ratio (lower is better; 1.0 = parity) " + subtitle)
                .yAxisTitle("rnn4j time / PyTorch time").build();
        var styler = chart.getStyler();
        styler.setLegendVisible(false);
        styler.setXAxisLabelRotation(60);
        styler.setLabelsVisible(true);
        styler.setLabelsPosition(1.0);
        styler.setDecimalPattern("0.00");
        styler.setYAxisDecimalPattern("0.00");
        styler.setAnnotationLineColor(Color.RED);
        styler.setAnnotationLineStroke(new BasicStroke(2f));
        styler.setYAxisMin(0.0);
        // keep the parity line in view even when every ratio is below it
        styler.setYAxisMax(Math.max(1.1, 1.1 * results.stream().mapToDouble(PeerResult::ratio).max().orElse(1)));
        styler.setChartTitleFont(styler.getChartTitleFont().deriveFont(14f));
        List<String> labels = results.stream().map(PeerResult::label).toList();
        List<Double> ratios = results.stream().map(PeerResult::ratio).toList();
        chart.addSeries("ratio", labels, ratios);
        chart.addAnnotation(new AnnotationLine(1.0, false, false));
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}

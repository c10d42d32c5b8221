package dev.rnn4j.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Writes a loss curve (loss per training step) as a PNG with XChart, headless. */
final class LossChart {

    private LossChart() {
    }

    /** One curve per series; each series is {@code steps} and {@code losses} of the same length. */
    record Series(String name, double[] steps, double[] losses) {
        Series {
            if (steps.length != losses.length) throw new IllegalArgumentException(name + ": " + steps.length + " steps but " + losses.length + " losses");
        }
    }

    static void writePng(Path file, String title, List<Series> series) {
        if (series.isEmpty() || series.stream().allMatch(s -> s.steps().length == 0)) {
            throw new IllegalArgumentException("no loss values to plot");
        }
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(900).height(500).title(title).xAxisTitle("step").yAxisTitle("loss").build();
        chart.getStyler().setLegendVisible(series.size() > 1);
        chart.getStyler().setXAxisTickMarkSpacingHint(110);   // room for five-digit step numbers
        chart.getStyler().setXAxisDecimalPattern("#");
        for (Series s : series) {
            if (s.steps().length > 0) chart.addSeries(s.name(), s.steps(), s.losses()).setMarker(SeriesMarkers.NONE);
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            try (OutputStream out = Files.newOutputStream(file)) {
                BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the loss chart to " + file + ": " + e.getMessage(), e);
        }
    }
}

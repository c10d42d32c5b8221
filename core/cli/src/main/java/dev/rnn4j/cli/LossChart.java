package dev.rnn4j.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The loss curves of a training run as a PNG (XChart, headless): the training loss of every step (thin,
 * light), its moving average (bold), and the validation loss after each epoch (points joined by a line).
 * The step axis runs from 0 to a round number, so its ticks are round.
 */
final class LossChart {

    static final int WIDTH = 900;
    static final int HEIGHT = 500;
    private static final Color RAW = new Color(158, 190, 226);
    private static final Color SMOOTH = new Color(31, 87, 160);
    private static final Color VALIDATION = new Color(222, 118, 20);

    private LossChart() {
    }

    /** A validation measurement: the step it was taken after, and the loss. */
    record Point(double step, double loss) {
    }

    /** The run's step losses and the validation losses of its epochs. */
    static void writePng(Path file, String title, TrainingRun run) {
        List<Point> validation = run.epochs().stream().filter(e -> e.logs().containsKey("val_loss"))
                .map(e -> new Point(e.step(), e.logs().get("val_loss"))).toList();
        writePng(file, title, run.losses(), validation);
    }

    static void writePng(Path file, String title, LossHistory losses, List<Point> validation) {
        if (losses.size() == 0) throw new IllegalArgumentException("no loss values to plot");
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("step").yAxisTitle("loss (cross-entropy, nats per token)").build();
        var styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesColor(new Color(225, 225, 225));
        styler.setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        double[] steps = losses.steps();
        double[] values = losses.values();
        double lastStep = Math.max(steps[steps.length - 1], validation.isEmpty() ? 0 : validation.getLast().step());
        styler.setXAxisMin(0.0);
        styler.setXAxisMax(roundUp(lastStep));
        styler.setXAxisDecimalPattern("#,##0");
        styler.setYAxisDecimalPattern("0.0#");
        int window = smoothingWindow(values.length);
        XYSeries raw = chart.addSeries("training loss, each step", steps, values);
        if (window == 1) style(raw, SMOOTH, 2f); // too few steps to smooth: the steps themselves are the curve
        else style(raw, RAW, 1f);
        if (window > 1) {
            style(chart.addSeries("training loss, mean of " + window + " steps", steps, movingAverage(values, window)), SMOOTH, 2.5f);
        }
        if (!validation.isEmpty()) {
            XYSeries v = chart.addSeries("validation loss, after each epoch", validation.stream().mapToDouble(Point::step).toArray(),
                    validation.stream().mapToDouble(Point::loss).toArray());
            style(v, VALIDATION, 2f);
            if (validation.size() <= 60) v.setMarker(SeriesMarkers.CIRCLE);
            v.setMarkerColor(VALIDATION);
        }
        PngFiles.write(chart, file, "loss chart");
    }

    private static void style(XYSeries s, Color color, float width) {
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineStyle(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    }

    /** An odd window of about a fiftieth of the run (1: too short to smooth). */
    static int smoothingWindow(int n) {
        if (n < 20) return 1;
        return Math.min(2001, n / 50) | 1;
    }

    /** The mean of the {@code window} values centred on each (fewer at the ends). */
    static double[] movingAverage(double[] v, int window) {
        double[] prefix = new double[v.length + 1];
        for (int i = 0; i < v.length; i++) prefix[i + 1] = prefix[i] + v[i];
        double[] out = new double[v.length];
        int half = window / 2;
        for (int i = 0; i < v.length; i++) {
            int from = Math.max(0, i - half);
            int to = Math.min(v.length, i + half + 1);
            out[i] = (prefix[to] - prefix[from]) / (to - from);
        }
        return out;
    }

    /** The smallest 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten that is at least {@code v} (and at least 1). */
    static double roundUp(double v) {
        if (!(v > 1)) return 1;
        double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
            if (m * magnitude >= v) return m * magnitude;
        }
        return 10 * magnitude;
    }
}

package dev.rnn4j.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/** Writes the CLI's charts as PNG files. */
final class PngFiles {

    private PngFiles() {
    }

    /** Writes {@code chart} to {@code file} (its folder made if missing); {@code what} names it in the error. */
    static void write(Chart<?, ?> chart, Path file, String what) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            try (OutputStream out = Files.newOutputStream(file)) {
                BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the " + what + " to " + file + ": " + e.getMessage(), e);
        }
    }
}

package dev.rnn4j.bench.peers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's load average when the run starts, for the header: timings on a busy machine mean little. */
final class LoadAverage {

    private LoadAverage() {
    }

    /** "load average 0.42 0.61 0.80 (1, 5, 15 min)" from /proc/loadavg, or why it is unknown. */
    static String read() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return "load average " + fields[0] + " " + fields[1] + " " + fields[2] + " (1, 5, 15 min) at the start";
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            return "load average unknown (" + e.getMessage() + ")";
        }
    }
}

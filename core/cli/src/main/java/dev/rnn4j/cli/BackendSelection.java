package dev.rnn4j.cli;

import dev.rnn4j.backend.BackendChoice;
import dev.rnn4j.backend.Backends;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns {@code --backend auto|cpu|cuda} into a backend, and the choice into a few short lines: the backend
 * that runs, and one line per backend passed over with the first reason only ({@code rnn4j info} has the rest).
 */
final class BackendSelection {

    private static final Pattern MISSING_LIBRARY = Pattern.compile("(\\S+) \\([^)]*\\) not found");
    private static final int REASON_CHARS = 34; // the line stays under 80 columns

    private BackendSelection() {
    }

    static BackendChoice choose(String which) {
        return switch (which) {
            case "auto" -> Backends.auto();
            case "cpu", "cuda" -> {
                var backend = Backends.create(which);
                yield new BackendChoice(backend, which + ": " + backend.description() + ", requested with --backend " + which);
            }
            default -> throw new IllegalArgumentException("--backend must be auto, cpu or cuda, got '" + which + "'");
        };
    }

    /** "backend: cpu: pure Java, ..." and e.g. "cuda: unavailable (no libcuda.so.1); rnn4j info for details". */
    static List<String> report(BackendChoice choice) {
        List<String> lines = new ArrayList<>();
        lines.add("backend: " + choice.backend().name() + ": " + choice.backend().description());
        choice.skipped().forEach((name, reason) -> lines.add(name + ": unavailable (" + shortReason(reason) + "); rnn4j info for details"));
        return lines;
    }

    /**
     * The first clause of a provider's reason, without its "CUDA backend unavailable: " preamble, a missing
     * library named as "no libX.so.N", and cut to a short length.
     */
    static String shortReason(String reason) {
        String r = reason.strip();
        int colon = r.indexOf("unavailable: ");
        if (colon >= 0) r = r.substring(colon + "unavailable: ".length());
        int end = r.indexOf(';');
        if (end >= 0) r = r.substring(0, end);
        Matcher m = MISSING_LIBRARY.matcher(r);
        if (m.lookingAt()) r = "no " + m.group(1);
        return r.length() <= REASON_CHARS ? r : r.substring(0, REASON_CHARS - 3) + "...";
    }
}

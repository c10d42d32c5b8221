package dev.rnn4j.bench.gpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One result line of one side of the GPU benchmark: {@code id=3 case=lstm-fwd ms=1.234 … [key=value …]}, or
 * {@code id=3 case=lstm-fwd error=<message>} when the case failed on that side.
 *
 * @param error the failure message, or null
 */
public record SideResult(int id, String name, Map<String, String> fields, String error) {

    public SideResult {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** The median milliseconds; an exception naming the case when the line has none or it is not positive. */
    public double ms() {
        String v = fields.get("ms");
        double ms;
        try {
            ms = v == null ? Double.NaN : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            ms = Double.NaN;
        }
        if (!(ms > 0) || Double.isInfinite(ms)) throw new IllegalArgumentException("result id=" + id + " " + name + ": ms must be a positive number, got " + v);
        return ms;
    }

    public Optional<String> field(String key) {
        return Optional.ofNullable(fields.get(key));
    }

    public static SideResult parse(String line) {
        String text = line.strip();
        String error = null;
        int at = text.indexOf(" error=");
        if (at >= 0) {
            error = text.substring(at + " error=".length()).strip();
            text = text.substring(0, at);
        }
        Map<String, String> words = new LinkedHashMap<>();
        for (String w : text.split("\\s+")) {
            int eq = w.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("word '" + w + "' is not key=value in result line: " + line);
            words.put(w.substring(0, eq), w.substring(eq + 1));
        }
        String id = words.remove("id");
        String name = words.remove("case");
        if (id == null || name == null) throw new IllegalArgumentException("result line lacks id= or case=: " + line);
        try {
            return new SideResult(Integer.parseInt(id), name, words, error);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("id must be an integer in result line: " + line, e);
        }
    }

    /** The results in {@code file} by case id; empty when the file does not exist (that side did not run). */
    public static Map<Integer, SideResult> read(Path file) throws IOException {
        Map<Integer, SideResult> out = new LinkedHashMap<>();
        if (!Files.exists(file)) return out;
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank() || line.startsWith("#")) continue;
            try {
                SideResult r = parse(line);
                out.put(r.id(), r);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
            }
        }
        return out;
    }
}

package dev.rnn4j.bench.peers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One measured case: the median milliseconds of rnn4j and of PyTorch on identical work, printed as
 * {@code case=<name> <dims> rnn4j_ms=… pytorch_ms=… ratio=… [extra key=value …]} with
 * ratio = rnn4j time / PyTorch time (below 1.0: rnn4j is faster).
 *
 * @param caseName   e.g. {@code lstm-fwd}
 * @param dims       the problem size as {@code key=value} words, e.g. {@code T=100 B=64 I=128 H=256}
 * @param extras     further {@code key=value} fields printed after the ratio (GFLOP/s, tokens/s, …)
 */
public record PeerResult(String caseName, String dims, double rnn4jMs, double pytorchMs, Map<String, String> extras) {

    public PeerResult {
        Objects.requireNonNull(caseName, "caseName");
        Objects.requireNonNull(dims, "dims");
        if (!(rnn4jMs > 0) || !(pytorchMs > 0)) {
            throw new IllegalArgumentException("times must be positive, got rnn4j_ms=" + rnn4jMs + " pytorch_ms=" + pytorchMs);
        }
        extras = Collections.unmodifiableMap(new LinkedHashMap<>(extras == null ? Map.of() : extras));
    }

    public PeerResult(String caseName, String dims, double rnn4jMs, double pytorchMs) {
        this(caseName, dims, rnn4jMs, pytorchMs, Map.of());
    }

    /** rnn4j time / PyTorch time. */
    public double ratio() {
        return rnn4jMs / pytorchMs;
    }

    /** The same result with one more {@code key=value} field after the ratio. */
    public PeerResult with(String key, String value) {
        var more = new LinkedHashMap<>(extras);
        more.put(key, value);
        return new PeerResult(caseName, dims, rnn4jMs, pytorchMs, more);
    }

    /** The output line. */
    public String line() {
        var sb = new StringBuilder("case=").append(caseName).append(' ').append(dims)
                .append(" rnn4j_ms=").append(format(rnn4jMs))
                .append(" pytorch_ms=").append(format(pytorchMs))
                .append(" ratio=").append(format(ratio()));
        extras.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
        return sb.toString();
    }

    /** Three decimals, '.' as the separator whatever the locale. */
    public static String format(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    /**
     * Reads a line written by {@link #line()} back (the chart can be drawn from a results file). The
     * printed ratio is recomputed from the two times, not trusted. Before the times a word may stand alone
     * (a property of the case, such as {@code bidirectional}); everything else is key=value.
     */
    public static PeerResult parse(String line) {
        Objects.requireNonNull(line, "line");
        String[] words = line.trim().split("\\s+");
        if (words.length < 4 || !words[0].startsWith("case=")) {
            throw new IllegalArgumentException("not a peer result line (must start with case=): " + line);
        }
        String name = words[0].substring("case=".length());
        var dims = new ArrayList<String>();
        Double rnn4j = null;
        Double pytorch = null;
        var extras = new LinkedHashMap<String, String>();
        boolean afterRatio = false;
        for (int i = 1; i < words.length; i++) {
            int eq = words[i].indexOf('=');
            if (eq < 0 && rnn4j == null && !afterRatio) {
                dims.add(words[i]); // a word among the sizes, such as "bidirectional"
                continue;
            }
            if (eq <= 0) throw new IllegalArgumentException("word '" + words[i] + "' is not key=value in: " + line);
            String key = words[i].substring(0, eq);
            String value = words[i].substring(eq + 1);
            switch (key) {
                case "rnn4j_ms" -> rnn4j = Double.parseDouble(value);
                case "pytorch_ms" -> pytorch = Double.parseDouble(value);
                case "ratio" -> afterRatio = true;
                default -> {
                    if (afterRatio) extras.put(key, value);
                    else if (rnn4j == null) dims.add(words[i]);
                    else throw new IllegalArgumentException("unexpected '" + words[i] + "' between the times in: " + line);
                }
            }
        }
        if (rnn4j == null || pytorch == null || !afterRatio) {
            throw new IllegalArgumentException("line lacks rnn4j_ms, pytorch_ms or ratio: " + line);
        }
        return new PeerResult(name, String.join(" ", dims), rnn4j, pytorch, extras);
    }

    /**
     * The label of this case in charts: the name and the sizes, short ("lstm-fwd T100 B64 I128 H256"); the
     * results file keeps every field.
     */
    public String label() {
        var label = new StringBuilder(caseName);
        for (String field : dims.split(" ")) {
            int eq = field.indexOf('=');
            if (eq == 1 && "TBIEHMNK".indexOf(field.charAt(0)) >= 0) label.append(' ').append(field, 0, 1).append(field, 2, field.length());
        }
        return label.toString();
    }
}

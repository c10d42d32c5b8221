package dev.rnn4j.bench.gpu;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One case of the GPU benchmark, as the Java side plans it and the PyTorch side reads it from the cases file:
 * one line of {@code key=value} words, {@code id=3 case=lstm-fwd kind=rnn mode=LSTM pass=fwd T=100 …}.
 * The kinds are {@code rnn}, {@code sgemm} and {@code charlm}; {@link GpuCases} says which keys each has.
 *
 * @param id     the case's number, unique in a plan (output files are named by it)
 * @param name   the name printed in result lines, e.g. {@code lstm-fwd}
 * @param params every other key, in order
 */
public record GpuCase(int id, String name, Map<String, String> params) {

    private static final Map<String, List<String>> DIMS = Map.of(
            "rnn", List.of("T", "B", "I", "H"),
            "sgemm", List.of("M", "N", "K"),
            "charlm", List.of("T", "B", "E", "H", "V"));

    public GpuCase {
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.contains(" ")) throw new IllegalArgumentException("case name must be one word, got '" + name + "'");
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        for (var e : params.entrySet()) {
            if (e.getKey().isEmpty() || e.getKey().contains("=") || e.getKey().contains(" ") || e.getValue().contains(" ")) {
                throw new IllegalArgumentException("case " + name + ": '" + e.getKey() + "=" + e.getValue() + "' is not one key=value word");
            }
        }
        if (!DIMS.containsKey(params.get("kind"))) {
            throw new IllegalArgumentException("case " + name + ": kind must be one of " + DIMS.keySet() + ", got " + params.get("kind"));
        }
    }

    public String kind() {
        return params.get("kind");
    }

    /** The value of {@code key}; an IllegalArgumentException naming the case when it is missing. */
    public String param(String key) {
        String v = params.get(key);
        if (v == null) throw new IllegalArgumentException("case id=" + id + " " + name + " has no " + key + "=");
        return v;
    }

    public int intParam(String key) {
        return parsed(key, Integer::parseInt, "an integer");
    }

    public long longParam(String key) {
        return parsed(key, Long::parseLong, "an integer");
    }

    public double doubleParam(String key) {
        return parsed(key, Double::parseDouble, "a number");
    }

    /** A float given as its IEEE bits in hex (exact on both sides). */
    public float floatBitsParam(String key) {
        return parsed(key, v -> Float.intBitsToFloat(Integer.parseUnsignedInt(v, 16)), "8 hex digits");
    }

    private <T> T parsed(String key, Function<String, T> parse, String what) {
        String v = param(key);
        try {
            return parse.apply(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("case id=" + id + " " + name + ": " + key + " must be " + what + ", got '" + v + "'", e);
        }
    }

    /** The problem size as result lines print it, e.g. {@code T=100 B=64 I=512 H=512}. */
    public String dims() {
        return DIMS.get(kind()).stream().map(k -> k + "=" + param(k)).collect(Collectors.joining(" "));
    }

    /** The line of the cases file. */
    public String line() {
        var sb = new StringBuilder("id=").append(id).append(" case=").append(name);
        params.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
        return sb.toString();
    }

    /** Reads a line written by {@link #line()}. */
    public static GpuCase parse(String line) {
        Map<String, String> words = new LinkedHashMap<>();
        for (String w : line.trim().split("\\s+")) {
            int eq = w.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("word '" + w + "' is not key=value in case line: " + line);
            if (words.put(w.substring(0, eq), w.substring(eq + 1)) != null) {
                throw new IllegalArgumentException("key " + w.substring(0, eq) + " appears twice in case line: " + line);
            }
        }
        String id = words.remove("id");
        String name = words.remove("case");
        if (id == null || name == null) throw new IllegalArgumentException("case line lacks id= or case=: " + line);
        try {
            return new GpuCase(Integer.parseInt(id), name, words);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("id must be an integer in case line: " + line, e);
        }
    }
}

package dev.rnn4j.bench.gpu;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** {@code --key value} options of one GpuBench subcommand; an IllegalArgumentException names a bad or missing one. */
final class OptionMap {

    private final String command;
    private final Map<String, String> values = new LinkedHashMap<>();

    OptionMap(String command, String[] args, int from, Set<String> known) {
        this.command = command;
        for (int i = from; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || !known.contains(a.substring(2))) {
                throw new IllegalArgumentException(command + ": unknown option '" + a + "' (known: --" + String.join(", --", known) + ")");
            }
            if (i + 1 >= args.length) throw new IllegalArgumentException(command + ": " + a + " needs a value");
            values.put(a.substring(2), args[++i]);
        }
    }

    String string(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    String required(String key) {
        String v = values.get(key);
        if (v == null) throw new IllegalArgumentException(command + ": --" + key + " is required");
        return v;
    }

    Path path(String key) {
        return Path.of(required(key));
    }

    int integer(String key, int fallback, int min) {
        String v = values.get(key);
        if (v == null) return fallback;
        int n;
        try {
            n = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(command + ": --" + key + " needs an integer, got '" + v + "'", e);
        }
        if (n < min) throw new IllegalArgumentException(command + ": --" + key + " must be >= " + min + ", got " + n);
        return n;
    }
}

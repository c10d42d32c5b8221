package dev.rnn4j.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The options that shape a training run, by name, as a checkpoint stores them. On {@code --resume} the
 * stored values are put back into the options the user did not give, and a given option that disagrees is a
 * usage error: a resumed run is the same run.
 */
final class RunSettings {

    private RunSettings() {
    }

    /** The current values of {@code names} (options of {@code spec}), as strings ("null" for none). */
    static Map<String, String> capture(CommandSpec spec, List<String> names) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String name : names) m.put(name, String.valueOf((Object) option(spec, name).getValue()));
        return m;
    }

    /**
     * Puts {@code stored} (from the checkpoint {@code file}) into the options of {@code spec} that the command
     * line did not give; throws a usage error for a given option whose value differs.
     */
    static void apply(CommandSpec spec, Map<String, String> stored, Path file) {
        CommandLine cl = spec.commandLine();
        for (var e : stored.entrySet()) {
            OptionSpec o = spec.findOption(e.getKey());
            if (o == null) throw new IllegalArgumentException(file + " was trained with an option this rnn4j does not know: " + e.getKey());
            if (cl.getParseResult() != null && cl.getParseResult().hasMatchedOption(o)) {
                String given = String.valueOf((Object) o.getValue());
                if (!given.equals(e.getValue())) {
                    throw UsageErrors.about(cl, e.getKey(), e.getKey() + " " + given + " differs from the run being resumed (" + file
                            + " was trained with " + e.getKey() + " " + e.getValue() + "); leave it out to use the run's value");
                }
            } else {
                o.setValue(convert(o, e.getValue(), file));
            }
        }
    }

    private static OptionSpec option(CommandSpec spec, String name) {
        return Objects.requireNonNull(spec.findOption(name), () -> "no option " + name);
    }

    private static Object convert(OptionSpec o, String value, Path file) {
        if ("null".equals(value)) return null;
        try {
            ITypeConverter<?>[] converters = o.converters();
            if (converters != null && converters.length > 0) return converters[0].convert(value);
            Class<?> t = o.type();
            if (t == int.class || t == Integer.class) return Integer.valueOf(value);
            if (t == long.class || t == Long.class) return Long.valueOf(value);
            if (t == float.class || t == Float.class) return Float.valueOf(value);
            if (t == double.class || t == Double.class) return Double.valueOf(value);
            if (t == boolean.class || t == Boolean.class) return Boolean.valueOf(value);
            if (t == Path.class) return Path.of(value);
            if (t == String.class) return value;
        } catch (Exception e) {
            throw new IllegalArgumentException(file + ": stored value of " + o.longestName() + " is not valid: '" + value + "' (" + e.getMessage() + ")");
        }
        throw new IllegalStateException("no conversion for option " + o.longestName() + " of type " + o.type());
    }
}

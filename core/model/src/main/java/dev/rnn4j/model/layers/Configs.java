package dev.rnn4j.model.layers;

import java.util.Map;

/** Typed reads of layer config maps, with errors naming the missing key. */
final class Configs {

    private Configs() {
    }

    static int i(Map<String, Object> c, String key) {
        if (!(c.get(key) instanceof Number n)) throw new IllegalArgumentException("layer config lacks number '" + key + "': " + c);
        return n.intValue();
    }

    static float f(Map<String, Object> c, String key) {
        if (!(c.get(key) instanceof Number n)) throw new IllegalArgumentException("layer config lacks number '" + key + "': " + c);
        return n.floatValue();
    }

    /** The number at {@code key}, or {@code absent} when the key is missing (options added after a config was written). */
    static float f(Map<String, Object> c, String key, float absent) {
        return c.containsKey(key) ? f(c, key) : absent;
    }

    static boolean b(Map<String, Object> c, String key) {
        return Boolean.TRUE.equals(c.get(key));
    }

    static <E extends Enum<E>> E enumValue(Class<E> type, Map<String, Object> c, String key) {
        String v = s(c, key);
        try {
            return Enum.valueOf(type, v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("layer config '" + key + "' is '" + v + "', not one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    static String s(Map<String, Object> c, String key) {
        if (!(c.get(key) instanceof String s)) throw new IllegalArgumentException("layer config lacks string '" + key + "': " + c);
        return s;
    }
}

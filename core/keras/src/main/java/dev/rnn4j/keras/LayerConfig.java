package dev.rnn4j.keras;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The options of one Keras layer, read strictly: each read names the layer, its class and the option in its
 * errors; {@link #finish()} rejects every option that no read or {@link #ignore} claimed and that has a value other
 * than Keras' "off" (null, false, 0, "", []), so an option the importer does not know never changes results silently.
 */
final class LayerConfig {

    static final String SUPPORTED = "InputLayer, Embedding, Masking, SimpleRNN, LSTM, GRU, Bidirectional, Dense, Dropout, Conv1D, "
            + "GlobalAveragePooling1D, GlobalMaxPooling1D, Attention, AdditiveAttention, Concatenate";

    private final String name;
    private final String className;
    private final JsonNode config;
    private final Set<String> claimed = new LinkedHashSet<>();
    private final List<String> notes;

    LayerConfig(String name, String className, JsonNode config, List<String> notes) {
        this.name = name;
        this.className = className;
        this.config = config == null || config.isNull() ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode() : config;
        if (!this.config.isObject()) throw error("its config is not a JSON object");
        this.notes = notes;
    }

    String name() {
        return name;
    }

    /** Where this layer's notes go (a nested layer's config reports into its wrapper's list). */
    List<String> notesSink() {
        return notes;
    }

    String className() {
        return className;
    }

    /** "layer 'lstm' (LSTM)". */
    String where() {
        return "layer '" + name + "' (" + className + ")";
    }

    IllegalArgumentException error(String what) {
        return new IllegalArgumentException(where() + ": " + what);
    }

    /** An option outside what rnn4j imports: names the option, its value and what is supported. */
    IllegalArgumentException unsupported(String option, String supported) {
        return error("option " + option + "=" + config.get(option) + " is not supported; rnn4j imports " + supported);
    }

    boolean has(String key) {
        JsonNode v = config.get(key);
        return v != null && !v.isNull();
    }

    JsonNode raw(String key) {
        claimed.add(key);
        return config.get(key);
    }

    int integer(String key, int fallback) {
        JsonNode v = raw(key);
        if (v == null || v.isNull()) return fallback;
        if (v.isArray() && v.size() == 1) v = v.get(0); // Keras 1-D options are tuples: kernel_size [3]
        if (!v.canConvertToInt() || !v.isIntegralNumber() && v.asDouble() != v.asInt()) throw error("option " + key + " must be an integer, got " + v);
        return v.asInt();
    }

    int positive(String key) {
        int v = integer(key, -1);
        if (v < 1) throw error("option " + key + " must be a positive integer, got " + config.get(key));
        return v;
    }

    double number(String key, double fallback) {
        JsonNode v = raw(key);
        if (v == null || v.isNull()) return fallback;
        if (!v.isNumber()) throw error("option " + key + " must be a number, got " + v);
        return v.asDouble();
    }

    boolean bool(String key, boolean fallback) {
        JsonNode v = raw(key);
        if (v == null || v.isNull()) return fallback;
        if (!v.isBoolean()) throw error("option " + key + " must be true or false, got " + v);
        return v.asBoolean();
    }

    String string(String key, String fallback) {
        JsonNode v = raw(key);
        if (v == null || v.isNull()) return fallback;
        if (!v.isTextual()) throw error("option " + key + " must be a string, got " + v);
        return v.asText();
    }

    /** A string option that must be one of {@code allowed}. */
    String oneOf(String key, String fallback, String... allowed) {
        String v = string(key, fallback);
        for (String a : allowed) if (a.equals(v)) return v;
        throw unsupported(key, key + " in " + String.join(", ", allowed));
    }

    /** An activation option: a name, or Keras' serialized {"class_name": ..., "config": {"name": ...}} form. */
    String activation(String key, String fallback) {
        JsonNode v = raw(key);
        if (v == null || v.isNull()) return fallback;
        if (v.isObject()) v = v.path("config").path("name").isTextual() ? v.path("config").path("name") : v.path("class_name");
        if (!v.isTextual()) throw error("option " + key + " must name an activation, got " + config.get(key));
        return v.asText();
    }

    /** Options that do not change what the layer computes (initializers, seeds, implementation choices). */
    void ignore(String... keys) {
        for (String k : keys) claimed.add(k);
    }

    /** Options that only change training in Keras: accepted, and noted when set. */
    void trainingOnly(String what, String... keys) {
        for (String k : keys) {
            claimed.add(k);
            JsonNode v = config.get(k);
            if (!off(v)) notes.add(where() + ": " + k + "=" + v + " is not applied when training in rnn4j (" + what + ")");
        }
    }

    /** The options every Keras layer has: name, trainable, dtype (float32), activity_regularizer. */
    void common() {
        claimed.add("name");
        ignore("batch_input_shape", "batch_shape"); // Keras 2 puts the model's input shape on a Sequential's first layer

        if (!bool("trainable", true)) notes.add(where() + ": frozen in Keras (trainable=false); rnn4j trains it when fine-tuning");
        trainingOnly("a regularizer", "activity_regularizer");
        String dtype = dtype();
        if (dtype != null && !dtype.equals("float32")) throw unsupported("dtype", "float32 layers (a mixed-precision or float64 model must be saved in float32)");
    }

    /** The dtype option's name ("float32", or the DTypePolicy's name), or null when absent. */
    String dtype() {
        JsonNode v = raw("dtype");
        if (v == null || v.isNull()) return null;
        if (v.isTextual()) return v.asText();
        JsonNode n = v.path("config").path("name");
        if (n.isTextual()) return n.asText();
        throw error("option dtype is not a dtype name or policy: " + v);
    }

    /** Rejects every option no read claimed that is not "off" in Keras. */
    void finish() {
        List<String> left = new ArrayList<>();
        config.properties().forEach(e -> {
            if (!claimed.contains(e.getKey()) && !off(e.getValue())) left.add(e.getKey() + "=" + e.getValue());
        });
        if (!left.isEmpty()) throw error("option" + (left.size() > 1 ? "s " : " ") + String.join(", ", left) + " not supported by rnn4j's importer");
    }

    static boolean off(JsonNode v) {
        return v == null || v.isNull() || (v.isBoolean() && !v.asBoolean()) || (v.isNumber() && v.asDouble() == 0)
                || (v.isTextual() && v.asText().isEmpty()) || (v.isContainerNode() && v.isEmpty());
    }
}

package dev.rnn4j.data;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tokenizer's JSON form (Keras-like field names). Word counts are stored in first-seen order so the
 * index rebuilt on load is identical; the stored index is checked against it to reject edited files.
 */
final class TokenizerJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLASS_NAME = "Tokenizer";

    private TokenizerJson() {
    }

    static String write(Tokenizer t) {
        ObjectNode root = JSON.createObjectNode();
        root.put("class_name", CLASS_NAME);
        root.put("format", 1);
        ObjectNode config = root.putObject("config");
        TokenizerConfig c = t.config();
        config.put("num_words", c.numWords());
        config.put("filters", c.filters());
        config.put("lower", c.lower());
        config.put("split", c.split());
        config.put("char_level", c.charLevel());
        config.put("oov_token", c.oovToken());
        if (!c.strip().isEmpty()) config.put("strip", c.strip());
        root.put("document_count", t.documentCount());
        ObjectNode counts = root.putObject("word_counts");
        t.wordCounts().forEach(counts::put);
        ObjectNode index = root.putObject("word_index");
        t.wordIndex().forEach(index::put);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot write tokenizer JSON: " + e.getMessage(), e);
        }
    }

    static void save(Tokenizer t, Path file) {
        try {
            Files.writeString(file, write(t), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write tokenizer to " + file + ": " + e.getMessage(), e);
        }
    }

    static Tokenizer read(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("tokenizer JSON is malformed: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject() || !CLASS_NAME.equals(root.path("class_name").asText(null))) {
            throw new IllegalArgumentException("not a tokenizer JSON: expected \"class_name\": \"" + CLASS_NAME + "\"");
        }
        JsonNode c = required(root, "config");
        JsonNode oov = required(c, "oov_token");
        TokenizerConfig config = new TokenizerConfig(
                required(c, "num_words").asInt(), required(c, "filters").asText(), required(c, "lower").asBoolean(),
                required(c, "split").asText(), required(c, "char_level").asBoolean(), oov.isNull() ? null : oov.asText(), c.path("strip").asText(""));
        Map<String, Long> counts = new LinkedHashMap<>();
        required(root, "word_counts").properties().forEach(e -> {
            if (!e.getValue().canConvertToLong()) throw new IllegalArgumentException("word count of '" + e.getKey() + "' is not an integer");
            counts.put(e.getKey(), e.getValue().asLong());
        });
        Tokenizer t = Tokenizer.restore(config, required(root, "document_count").asLong(), counts);
        JsonNode index = root.get("word_index");
        if (index != null) {
            Map<String, Integer> stored = new LinkedHashMap<>();
            index.properties().forEach(e -> stored.put(e.getKey(), e.getValue().asInt()));
            if (!stored.equals(t.wordIndex())) {
                throw new IllegalArgumentException("tokenizer JSON is inconsistent: word_index does not match word_counts");
            }
        }
        return t;
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null) throw new IllegalArgumentException("tokenizer JSON is missing the field \"" + field + "\"");
        return v;
    }
}

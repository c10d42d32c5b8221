package dev.rnn4j.keras;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rnn4j.data.PadSequences;
import dev.rnn4j.data.Tokenizer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Keras' text preprocessing as rnn4j {@link Tokenizer}s, so that a model from Keras works on raw text:
 * <ul>
 * <li>a {@code Tokenizer.to_json()} file (keras.preprocessing.text.Tokenizer): the same settings and word index
 * (checked: rnn4j rebuilds the index from the counts and it must equal Keras'); Keras users pad its output with
 * {@code pad_sequences}, padding='pre' by default;</li>
 * <li>a {@code TextVectorization} vocabulary, one token per line as {@code get_vocabulary()} lists it (padding "" and
 * "[UNK]" first, or the tokens alone): standardize "lower_and_strip_punctuation" (punctuation deleted) and split on
 * whitespace, unknown words "[UNK]" (1); TextVectorization pads and truncates at the end. One difference: rnn4j
 * lower-cases every letter, TensorFlow's lower-casing only ASCII ones.</li>
 * </ul>
 * rnn4j's own tokenizer JSON ({@link Tokenizer#toJson()}) is read too.
 */
public final class KerasTokenizers {

    /** TextVectorization's default punctuation (its regex class, written out). */
    static final String TEXT_VECTORIZATION_PUNCTUATION = "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~'";
    private static final String WHITESPACE = " \t\n\r\u000b\f";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_FILE = 256L << 20;

    private KerasTokenizers() {
    }

    /** A tokenizer and the padding side its users feed (Keras' Tokenizer: pre; TextVectorization: post). */
    public record Loaded(Tokenizer tokenizer, PadSequences.Side padding) {
    }

    /** Reads a Keras Tokenizer JSON, an rnn4j tokenizer JSON or a TextVectorization vocabulary (told apart by content). */
    public static Loaded load(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_FILE) throw new IllegalArgumentException(file + " is " + size + " bytes; a tokenizer file is at most " + MAX_FILE);
        String text = Files.readString(file, StandardCharsets.UTF_8);
        try {
            if (text.stripLeading().startsWith("{")) {
                JsonNode root = JSON.readTree(text);
                if (root != null && root.path("config").path("word_counts").isTextual()) return new Loaded(fromKerasJson(root, file.toString()), PadSequences.Side.PRE);
                return new Loaded(Tokenizer.fromJson(text), PadSequences.Side.POST);
            }
        } catch (JacksonException e) {
            throw new IllegalArgumentException(file + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        return new Loaded(fromVocabulary(text.lines().toList(), file.toString()), PadSequences.Side.POST);
    }

    /** A Keras {@code Tokenizer.to_json()} document. */
    public static Tokenizer fromKerasJson(String json) {
        try {
            return fromKerasJson(JSON.readTree(json), "tokenizer JSON");
        } catch (JacksonException e) {
            throw new IllegalArgumentException("tokenizer JSON is malformed: " + e.getOriginalMessage());
        }
    }

    private static Tokenizer fromKerasJson(JsonNode root, String source) throws JacksonException {
        if (!"Tokenizer".equals(root.path("class_name").asText())) throw new IllegalArgumentException(source + " is not a Keras Tokenizer JSON (class_name is not Tokenizer)");
        JsonNode c = root.path("config");
        ObjectNode out = JSON.createObjectNode();
        out.put("class_name", "Tokenizer");
        out.put("format", 1);
        ObjectNode config = out.putObject("config");
        config.put("num_words", c.path("num_words").isNull() ? 0 : c.path("num_words").asInt());
        config.put("filters", text(c, "filters", source));
        config.put("lower", c.path("lower").asBoolean(true));
        config.put("split", text(c, "split", source));
        config.put("char_level", c.path("char_level").asBoolean(false));
        config.set("oov_token", c.path("oov_token").isMissingNode() ? JSON.nullNode() : c.path("oov_token"));
        out.put("document_count", c.path("document_count").asLong(0));
        out.set("word_counts", JSON.readTree(text(c, "word_counts", source))); // Keras stores these as JSON strings
        if (c.path("word_index").isTextual()) out.set("word_index", JSON.readTree(c.path("word_index").asText()));
        return Tokenizer.fromJson(JSON.writeValueAsString(out));
    }

    private static String text(JsonNode c, String key, String source) {
        if (!c.path(key).isTextual()) throw new IllegalArgumentException(source + ": Keras Tokenizer config lacks the string " + key);
        return c.path(key).asText();
    }

    /** A TextVectorization vocabulary ({@code get_vocabulary()}, one token per line). */
    public static Tokenizer fromVocabulary(List<String> lines, String source) {
        List<String> tokens = new ArrayList<>(lines);
        while (!tokens.isEmpty() && tokens.getLast().isEmpty()) tokens.removeLast();
        if (tokens.size() >= 2 && tokens.get(0).isEmpty() && tokens.get(1).equals("[UNK]")) tokens = tokens.subList(2, tokens.size());
        if (tokens.isEmpty()) throw new IllegalArgumentException(source + " lists no tokens");
        ObjectNode out = JSON.createObjectNode();
        out.put("class_name", "Tokenizer");
        out.put("format", 1);
        ObjectNode config = out.putObject("config");
        config.put("num_words", 0).put("filters", WHITESPACE).put("lower", true).put("split", " ").put("char_level", false).put("oov_token", "[UNK]")
                .put("strip", TEXT_VECTORIZATION_PUNCTUATION);
        out.put("document_count", 0);
        ObjectNode counts = out.putObject("word_counts");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (t.isEmpty() || t.equals("[UNK]") || !seen.add(t)) throw new IllegalArgumentException(source + ": line " + (i + 1) + " holds an empty, reserved or repeated token '" + t + "'");
            counts.put(t, tokens.size() - i); // decreasing counts: rnn4j's index keeps the file's order after [UNK]
        }
        try {
            return Tokenizer.fromJson(JSON.writeValueAsString(out));
        } catch (JacksonException e) {
            throw new IllegalStateException(e);
        }
    }
}

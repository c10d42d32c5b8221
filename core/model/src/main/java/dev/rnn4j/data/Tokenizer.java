package dev.rnn4j.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Keras' {@code Tokenizer}: maps words (or characters) to integer ids by frequency.
 *
 * <ul>
 *   <li>Index 0 is reserved for padding and never given to a word. With an oov token it gets index 1 and
 *       the words follow from 2, most frequent first (ties keep first-seen order, as Keras' stable sort).</li>
 *   <li>{@link #textsToSequences} keeps ids {@code < numWords} when {@code numWords > 0}; other and unknown
 *       words become the oov id, or are dropped when there is no oov token (Keras behaviour).</li>
 *   <li>{@link #sequencesToTexts} joins tokens with a space, at char level too, exactly like Keras;
 *       {@link #decode} joins characters with nothing and words with {@code split}.</li>
 * </ul>
 * Not thread-safe while fitting.
 */
public final class Tokenizer {

    private final TokenizerConfig config;
    private final LinkedHashMap<String, Long> wordCounts = new LinkedHashMap<>();
    private final LinkedHashMap<String, Integer> wordIndex = new LinkedHashMap<>();
    private final List<String> indexWord = new ArrayList<>(List.of("")); // slot 0: padding
    private long documentCount;

    public Tokenizer(TokenizerConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public TokenizerConfig config() {
        return config;
    }

    /** Counts the tokens of {@code texts} (adding to earlier fits) and rebuilds the index. */
    public Tokenizer fitOnTexts(Iterable<String> texts) {
        Objects.requireNonNull(texts, "texts");
        for (String text : texts) {
            if (text == null) throw new IllegalArgumentException("text #" + documentCount + " is null");
            documentCount++;
            for (String token : tokens(text)) wordCounts.merge(token, 1L, Long::sum);
        }
        rebuildIndex();
        return this;
    }

    /** Restores a fitted state (used by JSON loading). */
    static Tokenizer restore(TokenizerConfig config, long documentCount, Map<String, Long> counts) {
        Tokenizer t = new Tokenizer(config);
        t.documentCount = documentCount;
        counts.forEach((w, c) -> {
            if (c == null || c <= 0) throw new IllegalArgumentException("word count of '" + w + "' must be positive, got " + c);
            t.wordCounts.put(w, c);
        });
        t.rebuildIndex();
        return t;
    }

    private void rebuildIndex() {
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(wordCounts.entrySet());
        sorted.sort((a, b) -> Long.compare(b.getValue(), a.getValue())); // stable: ties keep first-seen order
        wordIndex.clear();
        indexWord.subList(1, indexWord.size()).clear();
        if (config.oovToken() != null) add(config.oovToken());
        for (Map.Entry<String, Long> e : sorted) {
            if (!e.getKey().equals(config.oovToken())) add(e.getKey());
        }
    }

    private void add(String word) {
        wordIndex.put(word, indexWord.size());
        indexWord.add(word);
    }

    /**
     * The tokens of one text: its characters (code points) at char level, else Keras'
     * {@code text_to_word_sequence}: lower-case, filter characters become {@code split}, split, drop empties
     * (characters in the config's {@code strip} are deleted first, after lower-casing).
     */
    public List<String> tokens(String text) {
        Objects.requireNonNull(text, "text");
        String lowered = config.lower() ? text.toLowerCase(Locale.ROOT) : text;
        String s = config.strip().isEmpty() ? lowered : lowered.codePoints().filter(cp -> config.strip().indexOf(cp) < 0)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        List<String> out = new ArrayList<>();
        if (config.charLevel()) {
            s.codePoints().forEach(cp -> out.add(Character.toString(cp)));
            return out;
        }
        StringBuilder replaced = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (config.filters().indexOf(cp) >= 0) replaced.append(config.split());
            else replaced.appendCodePoint(cp);
        });
        String split = config.split();
        int from = 0;
        while (from <= replaced.length()) {
            int at = replaced.indexOf(split, from);
            int end = at < 0 ? replaced.length() : at;
            if (end > from) out.add(replaced.substring(from, end));
            if (at < 0) break;
            from = at + split.length();
        }
        return out;
    }

    public List<int[]> textsToSequences(List<String> texts) {
        Objects.requireNonNull(texts, "texts");
        List<int[]> out = new ArrayList<>(texts.size());
        for (String t : texts) out.add(encode(t));
        return out;
    }

    /** One text to ids (see the class comment for unknown and rare words). */
    public int[] encode(String text) {
        requireFitted();
        List<String> tokens = tokens(text);
        int oov = oovIndex();
        int[] ids = new int[tokens.size()];
        int n = 0;
        for (String w : tokens) {
            Integer i = wordIndex.get(w);
            int id = (i == null || !kept(i)) ? oov : i;
            if (id >= 0) ids[n++] = id;
        }
        return n == ids.length ? ids : java.util.Arrays.copyOf(ids, n);
    }

    /** Keras' {@code sequences_to_texts}: tokens joined by a single space (at char level too). */
    public List<String> sequencesToTexts(List<int[]> sequences) {
        Objects.requireNonNull(sequences, "sequences");
        List<String> out = new ArrayList<>(sequences.size());
        for (int[] seq : sequences) out.add(String.join(" ", words(seq, true)));
        return out;
    }

    /**
     * Ids back to text: characters concatenated at char level, words joined by {@code split}; padding (0)
     * is skipped instead of becoming the oov token as in {@link #sequencesToTexts}.
     */
    public String decode(int[] sequence) {
        return String.join(config.charLevel() ? "" : config.split(), words(sequence, false));
    }

    private List<String> words(int[] seq, boolean paddingAsOov) {
        Objects.requireNonNull(seq, "sequence");
        int oov = oovIndex();
        List<String> words = new ArrayList<>(seq.length);
        for (int id : seq) {
            if (id == 0 && !paddingAsOov) continue;
            boolean known = id > 0 && id < indexWord.size();
            int shown = known && kept(id) ? id : oov;
            if (shown > 0) words.add(indexWord.get(shown));
        }
        return words;
    }

    private boolean kept(int id) {
        return config.numWords() == 0 || id < config.numWords();
    }

    /** Index of the oov token, or -1 without one. */
    public int oovIndex() {
        return config.oovToken() == null ? -1 : wordIndex.get(config.oovToken());
    }

    /** The id of {@code token} as the tokenizer would encode it, empty if it is unknown or beyond numWords. */
    public OptionalInt indexOf(String token) {
        Integer i = wordIndex.get(token);
        return i != null && kept(i) ? OptionalInt.of(i) : OptionalInt.empty();
    }

    /** The token with id {@code index}; throws for 0 (padding) and ids never assigned. */
    public String word(int index) {
        if (index <= 0 || index >= indexWord.size()) {
            throw new IndexOutOfBoundsException("token id " + index + " is not in the vocabulary (ids 1.." + (indexWord.size() - 1) + "; 0 is padding)");
        }
        return indexWord.get(index);
    }

    /** Embedding input size: largest id + 1, capped at numWords when set. */
    public int vocabularySize() {
        int all = indexWord.size();
        return config.numWords() == 0 ? all : Math.min(all, config.numWords());
    }

    /** Counts in first-seen order. */
    public Map<String, Long> wordCounts() {
        return Collections.unmodifiableMap(wordCounts);
    }

    /** Every word fitted (not capped by numWords), in id order. */
    public Map<String, Integer> wordIndex() {
        return Collections.unmodifiableMap(wordIndex);
    }

    public long documentCount() {
        return documentCount;
    }

    public boolean isFitted() {
        return !wordIndex.isEmpty();
    }

    private void requireFitted() {
        if (!isFitted()) throw new IllegalStateException("tokenizer has not been fitted (call fitOnTexts first)");
    }

    public String toJson() {
        return TokenizerJson.write(this);
    }

    public static Tokenizer fromJson(String json) {
        return TokenizerJson.read(json);
    }

    public void save(Path file) {
        TokenizerJson.save(this, file);
    }

    /** Reads a tokenizer saved by {@link #save}; an unreadable or invalid file is an IllegalArgumentException naming it. */
    public static Tokenizer load(Path file) {
        String json = TextFiles.readUtf8(file);
        try {
            return TokenizerJson.read(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }
}

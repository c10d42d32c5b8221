package dev.rnn4j.bench.soak;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The figures of one HotSpot Native Memory Tracking summary ({@code VM.native_memory summary scale=KB}):
 * the committed total, all malloc'ed bytes and their count, and per category (Java Heap, Class, Thread,
 * Other, ...) the committed bytes and the malloc'ed bytes and count. {@code Arena.allocate} reaches
 * {@code Unsafe.allocateMemory}, which HotSpot tags "Other", so the "Other" malloc count is the number of
 * live off-heap segments (rnn4j's tensors, plus the few other users of that call).
 */
public record NmtSummary(long committedKb, long mallocKb, long mallocCount, Map<String, Category> categories) {

    /** One category's committed kilobytes and its malloc'ed kilobytes and live allocation count. */
    public record Category(long committedKb, long mallocKb, long mallocCount) {
        static final Category NONE = new Category(0, 0, 0);
    }

    private static final Pattern TOTAL = Pattern.compile("^Total: reserved=(\\d+)KB, committed=(\\d+)KB");
    private static final Pattern TOTAL_MALLOC = Pattern.compile("^\\s+malloc: (\\d+)KB #(\\d+)");
    private static final Pattern CATEGORY = Pattern.compile("^-\\s+(\\S.*?) \\(reserved=(\\d+)KB, committed=(\\d+)KB");
    private static final Pattern CATEGORY_MALLOC = Pattern.compile("^\\s+\\(malloc=(\\d+)KB\\b[^#]*#(\\d+)\\)");

    public NmtSummary {
        categories = Map.copyOf(categories);
    }

    /** HotSpot's pool of resource-area chunks: it fills and drains with JIT compilation and the NMT report itself. */
    public static final String CHUNK_POOL = "Arena Chunk";

    /**
     * The committed total less the {@value #CHUNK_POOL} category, whose swings of tens of MB between reads are
     * the JVM's own and would hide or fake a growth of the rest.
     */
    public long committedKbWithoutChunkPool() {
        return committedKb - category(CHUNK_POOL).committedKb();
    }

    /** The category named {@code name} as NMT prints it ("Other", "Thread", ...); all zero when NMT omitted it. */
    public Category category(String name) {
        return categories.getOrDefault(name, Category.NONE);
    }

    /**
     * Parses the text of {@code VM.native_memory summary scale=KB}.
     *
     * @throws IllegalArgumentException when the text has no "Total:" line or no total malloc line (NMT off,
     *                                  another scale, or a format this parser does not know), quoting its start
     */
    public static NmtSummary parse(String text) {
        long committed = -1, malloc = -1, mallocCount = -1;
        Map<String, Category> categories = new LinkedHashMap<>();
        String name = null;
        long categoryCommitted = 0;
        for (String line : text.split("\n")) {
            Matcher m;
            if ((m = TOTAL.matcher(line)).find()) {
                committed = Long.parseLong(m.group(2));
            } else if (committed >= 0 && malloc < 0 && (m = TOTAL_MALLOC.matcher(line)).find()) {
                malloc = Long.parseLong(m.group(1));
                mallocCount = Long.parseLong(m.group(2));
            } else if ((m = CATEGORY.matcher(line)).find()) {
                name = m.group(1);
                categoryCommitted = Long.parseLong(m.group(3));
                categories.put(name, new Category(categoryCommitted, 0, 0));
            } else if (name != null && (m = CATEGORY_MALLOC.matcher(line)).find()) {
                categories.put(name, new Category(categoryCommitted, Long.parseLong(m.group(1)), Long.parseLong(m.group(2))));
            }
        }
        if (committed < 0 || malloc < 0) {
            String start = text.strip();
            throw new IllegalArgumentException("not a Native Memory Tracking summary in KB (no \"Total:\" and \"malloc:\" lines): '"
                    + (start.length() > 200 ? start.substring(0, 200) + "..." : start) + "'");
        }
        return new NmtSummary(committed, malloc, mallocCount, categories);
    }
}

package dev.rnn4j.bench.soak;

import java.util.Locale;

/** The soak's samples as a Markdown table (so a run can be pasted into docs/BENCHMARKS.md as printed). */
public final class SoakTable {

    public static final String HEADER = """
            | step | elapsed s | mean loss | RSS MB | NMT committed MB | NMT Arena Chunk MB | NMT malloc MB | NMT Other MB | NMT Other allocations | heap used MB |
            |---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|""";

    private SoakTable() {
    }

    public static String row(SoakSample s) {
        MemorySample m = s.memory();
        NmtSummary nmt = m.nmt();
        NmtSummary.Category other = nmt == null ? null : nmt.category("Other");
        return "| " + s.step()
                + " | " + String.format(Locale.ROOT, "%.1f", s.seconds())
                + " | " + (Double.isNaN(s.meanLoss()) ? "-" : String.format(Locale.ROOT, "%.4f", s.meanLoss()))
                + " | " + (m.rssKb() < 0 ? "n/a" : mb(m.rssKb() * 1024))
                + " | " + (nmt == null ? "n/a" : mb(nmt.committedKb() * 1024))
                + " | " + (nmt == null ? "n/a" : mb(nmt.category(NmtSummary.CHUNK_POOL).committedKb() * 1024))
                + " | " + (nmt == null ? "n/a" : mb(nmt.mallocKb() * 1024))
                + " | " + (nmt == null ? "n/a" : mb(other.committedKb() * 1024))
                + " | " + (nmt == null ? "n/a" : Long.toString(other.mallocCount()))
                + " | " + mb(m.heapUsed()) + " |";
    }

    static String mb(double bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0));
    }
}

package dev.rnn4j.bench.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NmtSummaryTest {

    /** {@code VM.native_memory summary scale=KB} as a JDK 25.0.3 HotSpot printed it (captured on the development machine). */
    private static String jdk25Summary() throws IOException {
        try (InputStream in = NmtSummaryTest.class.getResourceAsStream("nmt-summary-jdk25.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsTheTotalsAndTheCategoriesOfAJdk25Summary() throws IOException {
        NmtSummary nmt = NmtSummary.parse(jdk25Summary());
        assertEquals(486386, nmt.committedKb());
        assertEquals(18134, nmt.mallocKb());
        assertEquals(51611, nmt.mallocCount());
        assertEquals(new NmtSummary.Category(34, 34, 2), nmt.category("Other"));
        assertEquals(new NmtSummary.Category(782, 39, 109), nmt.category("Thread"), "the malloc line is the 3rd under the category");
        assertEquals(new NmtSummary.Category(393216, 0, 0), nmt.category("Java Heap"), "mmap only: no malloc figures");
        assertEquals(new NmtSummary.Category(922, 15, 256), nmt.category("Native Memory Tracking"), "a name with spaces");
        assertEquals(486386 - 5794, nmt.committedKbWithoutChunkPool());
    }

    @Test
    void aCategoryNmtOmittedIsZero() throws IOException {
        assertEquals(new NmtSummary.Category(0, 0, 0), NmtSummary.parse(jdk25Summary()).category("No Such Category"));
    }

    @Test
    void textWithoutTotalsIsRejectedQuotingIt() {
        var e = assertThrows(IllegalArgumentException.class, () -> NmtSummary.parse("Native memory tracking is not enabled\n"));
        assertTrue(e.getMessage().contains("Native memory tracking is not enabled"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NmtSummary.parse("Total: reserved=1MB, committed=1MB\n"), "another scale");
    }
}

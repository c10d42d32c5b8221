package dev.rnn4j.bench.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PeerResultTest {

    @Test
    void lineHasTheDocumentedFormatAndTheRatioIsOursOverTheirs() {
        var r = new PeerResult("lstm-fwd", new RnnShape(100, 64, 128, 256).dims(), 30.0, 40.0);
        assertEquals(0.75, r.ratio(), 1e-15);
        assertEquals("case=lstm-fwd T=100 B=64 I=128 H=256 rnn4j_ms=30.000 pytorch_ms=40.000 ratio=0.750", r.line());
    }

    @Test
    void ratioIsRoundedToThreeDecimalsWhateverTheLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            var r = new PeerResult("gru-fwdbwd", "T=50 B=32 I=64 H=128", 2.0, 3.0);
            assertEquals("case=gru-fwdbwd T=50 B=32 I=64 H=128 rnn4j_ms=2.000 pytorch_ms=3.000 ratio=0.667", r.line());
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void extrasFollowTheRatioInInsertionOrderAndParseBack() {
        var r = new PeerResult("sgemm", "M=1024 N=1024 K=1024", 10.0, 8.0)
                .with("rnn4j_gflops", "214.7").with("pytorch_gflops", "268.4");
        assertEquals("case=sgemm M=1024 N=1024 K=1024 rnn4j_ms=10.000 pytorch_ms=8.000 ratio=1.250 rnn4j_gflops=214.7 pytorch_gflops=268.4",
                r.line());
        var back = PeerResult.parse(r.line());
        assertEquals(r.line(), back.line());
        assertEquals(Map.of("rnn4j_gflops", "214.7", "pytorch_gflops", "268.4"), back.extras());
        assertEquals("M=1024 N=1024 K=1024", back.dims());
    }

    @Test
    void parseRecomputesTheRatioFromTheTimes() {
        var r = PeerResult.parse("case=lstm-fwd T=1 B=1 I=1 H=1 rnn4j_ms=1.000 pytorch_ms=4.000 ratio=9.999");
        assertEquals(0.25, r.ratio(), 1e-15);
    }

    @Test
    void badLinesAndTimesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> PeerResult.parse("lstm-fwd rnn4j_ms=1 pytorch_ms=2 ratio=0.5"));
        assertThrows(IllegalArgumentException.class, () -> PeerResult.parse("case=x T=1 rnn4j_ms=1 ratio=0.5"));
        assertThrows(IllegalArgumentException.class, () -> new PeerResult("x", "T=1", 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new PeerResult("x", "T=1", 1, Double.NaN));
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(3.0, Timing.median(new double[] {9, 1, 3}), 0);
        assertEquals(2.5, Timing.median(new double[] {4, 1, 3, 2}), 0);
    }

    @Test
    void chartLabelsKeepTheNameAndTheSizesShort() {
        assertEquals("lstm-fwd T100 B64 I128 H256",
                PeerResult.parse("case=lstm-fwd T=100 B=64 I=128 H=256 rnn4j_ms=1 pytorch_ms=2 ratio=0.5").label());
        assertEquals("ragged-bilstm-fwd T200 B64 I128 H256", PeerResult.parse("case=ragged-bilstm-fwd T=200 B=64 I=128 H=256"
                + " layers=2 bidirectional lengths=20..200 rnn4j_ms=1 pytorch_ms=2 ratio=0.5 ratio_padded=0.4").label());
    }

    @Test
    void everyLineOfARecordedRunReadsBack() throws java.io.IOException {
        var file = java.nio.file.Path.of("../docs/benchmarks/2026-12-01/peers-run1.txt");
        var results = PeerRunner.readResults(file);
        assertEquals(27, results.size());
        assertThrows(IllegalArgumentException.class,
                () -> PeerResult.parse("case=x T=1 rnn4j_ms=1 pytorch_ms=2 ratio=0.5 stray"));
    }
}

package dev.rnn4j.bench.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CpuPeakTest {

    private static final List<String> ZEN5 = List.of(
            "vendor_id\t: AuthenticAMD", "cpu family\t: 26", "model name\t: AMD EPYC", "cpu MHz\t\t: 2500.000",
            "flags\t\t: fpu sse avx2 fma avx512f avx512bw");

    @Test
    void peakIsCoresTimesUnitsTimesLanesTimesTwoTimesClock() {
        var peak = CpuPeak.fromCpuinfo(ZEN5, 2, 0);
        assertEquals(2, peak.fmaUnits());
        assertEquals(16, peak.lanes());
        assertEquals(2 * 2 * 16 * 2 * 2.5, peak.gflops(), 1e-9);
        assertEquals(50.0, peak.percentOf(160.0), 1e-9);
        assertTrue(peak.describe().contains("assumed"), peak.describe());
    }

    @Test
    void explicitUnitsOverrideTheAssumption() {
        var peak = CpuPeak.fromCpuinfo(ZEN5, 2, 1);
        assertEquals(2 * 1 * 16 * 2 * 2.5, peak.gflops(), 1e-9);
        assertTrue(peak.describe().contains("--fma-units"), peak.describe());
    }

    @Test
    void withoutAvx512TheVectorsHaveEightLanes() {
        var peak = CpuPeak.fromCpuinfo(List.of("vendor_id : GenuineIntel", "cpu family : 6", "cpu MHz : 3000", "flags : avx2 fma"), 4, 0);
        assertEquals(8, peak.lanes());
    }

    @Test
    void aGivenClockReplacesTheReportedOneAndSaysSo() {
        var peak = CpuPeak.fromCpuinfo(ZEN5, 2, 0).atClock(4.0, "given with --clock-ghz");
        assertEquals(2 * 2 * 16 * 2 * 4.0, peak.gflops(), 1e-9);
        assertTrue(peak.describe().contains("given with --clock-ghz; /proc/cpuinfo says 2.500"), peak.describe());
        assertEquals(4.0, PeerOptions.parse("--clock-ghz", "4.0").clockGhz(), 0);
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> PeerOptions.parse("--clock-ghz", "-1"));
        assertTrue(e.getMessage().contains("--clock-ghz"), e.getMessage());
    }
}

package dev.rnn4j.bench.soak;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SoakVerdictTest {

    private static final long MB_IN_KB = 1024;

    /** A sample at {@code step} with RSS and NMT committed {@code mb} MB, "Other" holding {@code segments} allocations. */
    private static SoakSample sample(long step, long mb, long segments, long heapBytes) {
        return sample(step, mb, mb, 0, segments, heapBytes);
    }

    /** RSS {@code rssMb}, NMT committed {@code mb} of which {@code chunkPoolMb} in HotSpot's chunk pool. */
    private static SoakSample sample(long step, long rssMb, long mb, long chunkPoolMb, long segments, long heapBytes) {
        var other = new NmtSummary.Category(segments, segments, segments);
        var chunks = new NmtSummary.Category(chunkPoolMb * MB_IN_KB, chunkPoolMb * MB_IN_KB, 10);
        var nmt = new NmtSummary(mb * MB_IN_KB, 1000, 100, Map.of("Other", other, NmtSummary.CHUNK_POOL, chunks));
        return new SoakSample(step, step / 1000.0, 1.0, new MemorySample(rssMb * MB_IN_KB, nmt, heapBytes));
    }

    @Test
    void flatAfterWarmUpIgnoresTheWarmUpGrowth() {
        var samples = List.of(sample(0, 100, 10, 4 << 20), sample(1000, 150, 24, 8 << 20), sample(2000, 152, 24, 8 << 20),
                sample(3000, 151, 25, 8 << 20));
        SoakVerdict v = SoakVerdict.of(samples, 1000, 8);
        assertTrue(v.flat(), v.line());
        assertTrue(v.line().startsWith("verdict: FLAT from step 1000 to step 3000: RSS +1.0 MB"), v.line());
    }

    @Test
    void rssGrowthPastTheThresholdIsGrowing() {
        var samples = List.of(sample(0, 100, 10, 0), sample(1000, 150, 24, 0), sample(3000, 159, 24, 0));
        SoakVerdict v = SoakVerdict.of(samples, 1000, 8);
        assertFalse(v.flat());
        assertTrue(v.line().startsWith("verdict: GROWING (RSS, NMT committed less Arena Chunk)"), v.line());
    }

    @Test
    void oneLeakedSegmentPerFiftyStepsIsGrowingThoughTheMegabytesStayUnder() {
        var samples = List.of(sample(1000, 150, 24, 0), sample(3000, 150, 24 + 40, 0));
        SoakVerdict v = SoakVerdict.of(samples, 1000, 8);
        assertFalse(v.flat());
        assertTrue(v.line().startsWith("verdict: GROWING (NMT Other allocations)"), v.line());
    }

    @Test
    void theJvmsChunkPoolSwingingIsNotGrowth() {
        var samples = List.of(sample(1000, 160, 150, 14, 24, 0), sample(3000, 160, 170, 34, 24, 0));
        SoakVerdict v = SoakVerdict.of(samples, 1000, 8);
        assertTrue(v.flat(), v.line());
    }

    @Test
    void growthOutsideTheChunkPoolIsGrowingThoughThePoolDrained() {
        var samples = List.of(sample(1000, 160, 170, 34, 24, 0), sample(3000, 160, 170, 14, 24, 0));
        assertTrue(SoakVerdict.of(samples, 1000, 8).line().startsWith("verdict: GROWING (NMT committed less Arena Chunk)"));
    }

    @Test
    void heapGrowthCountsToo() {
        var samples = List.of(sample(1000, 150, 24, 0), sample(3000, 150, 24, 20 << 20));
        assertTrue(SoakVerdict.of(samples, 1000, 8).line().startsWith("verdict: GROWING (heap used)"));
    }

    @Test
    void noSampleAfterTheWarmUpGivesNoVerdict() {
        var samples = List.of(sample(0, 100, 10, 0), sample(1000, 150, 24, 0));
        SoakVerdict v = SoakVerdict.of(samples, 1000, 8);
        assertFalse(v.flat());
        assertTrue(v.line().startsWith("verdict: NO VERDICT"), v.line());
    }
}

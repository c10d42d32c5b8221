package dev.rnn4j.bench.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The generator against values printed by the PyTorch side's own implementation (gpu_pytorch_side.py selftest,
 * plain Python integers), so a change on either side shows here without Python; bench/gpu --dry-run compares
 * the whole selftest output of both.
 */
class CounterUniformTest {

    @Test
    void matchesThePythonImplementation() {
        List<String> lines = GpuBench.selftestLines();
        for (String expected : List.of(
                "key seed=42 stream=1 -> f7f6bd2c",
                "bits seed=42 stream=1 i=0 -> b60df639",
                "bits seed=42 stream=1 i=1 -> 7c97c302",
                "bits seed=7 stream=33 i=1000 -> bae5f136",
                "bits seed=7 stream=33 i=2147483647 -> 09b76781",
                "bits seed=1099511627781 stream=2147483647 i=2 -> f7cd3f17",
                "bits seed=1099511627781 stream=2147483647 i=2147483647 -> c8407812",
                "uniform seed=42 stream=10 i=0 scale=3d000000 -> bcd7ddfa",
                "uniform seed=42 stream=10 i=123456 scale=3d000000 -> bc38c178")) {
            assertTrue(lines.contains(expected), "selftest lacks: " + expected);
        }
    }

    @Test
    void valuesStayInRangeAndStreamsDiffer() {
        float[] a = CounterUniform.uniform(42, 1, 10_000, 0.25f);
        for (float v : a) assertTrue(v >= -0.25f && v < 0.25f, "value " + v);
        double mean = 0;
        for (float v : a) mean += v;
        assertEquals(0, mean / a.length, 0.01, "mean of uniform(-0.25, 0.25)");
        float[] b = CounterUniform.uniform(42, 2, 10_000, 0.25f);
        assertTrue(!java.util.Arrays.equals(a, b), "two streams must differ");
        assertArrayEquals(a, CounterUniform.uniform(42, 1, 10_000, 0.25f), "same seed and stream, same values");
        int[] idx = CounterUniform.indices(42, 33, 5_000, 60);
        for (int i : idx) assertTrue(i >= 0 && i < 60, "index " + i);
    }

    @Test
    void badSizesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> CounterUniform.uniform(1, 1, -1, 1f));
        assertThrows(IllegalArgumentException.class, () -> CounterUniform.indices(1, 1, 3, 0));
    }
}

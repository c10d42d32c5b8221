package dev.rnn4j.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LaunchConfigTest {

    @Test
    void elementwiseCoversSmallAndCapsLargeGrids() {
        assertEquals(new LaunchConfig(1, 256, 0), LaunchConfig.elementwise(0));
        assertEquals(new LaunchConfig(1, 256, 0), LaunchConfig.elementwise(256));
        assertEquals(new LaunchConfig(2, 256, 0), LaunchConfig.elementwise(257));
        assertEquals(new LaunchConfig(4096, 256, 0), LaunchConfig.elementwise(1L << 40));
    }

    @Test
    void rowKernelsUsePowerOfTwoBlocksWithOneFloatOfSharedMemoryEach() {
        assertEquals(new LaunchConfig(10, 32, 128), LaunchConfig.rows(10, 3));
        assertEquals(new LaunchConfig(7, 128, 512), LaunchConfig.rows(7, 100));
        assertEquals(new LaunchConfig(65535, 1024, 4096), LaunchConfig.rows(1_000_000, 50_000));
    }

    @Test
    void reductionPartialsFitTheFinalPass() {
        assertEquals(1, LaunchConfig.reductionPartial(1).gridX());
        assertEquals(1024, LaunchConfig.reductionPartial(1L << 30).gridX());
        assertEquals(1, LaunchConfig.reductionFinal().gridX());
    }

    @Test
    void nextPowerOfTwo() {
        assertEquals(1, LaunchConfig.nextPowerOfTwo(0));
        assertEquals(1, LaunchConfig.nextPowerOfTwo(1));
        assertEquals(64, LaunchConfig.nextPowerOfTwo(33));
        assertEquals(64, LaunchConfig.nextPowerOfTwo(64));
    }

    @Test
    void invalidConfigsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new LaunchConfig(0, 32, 0));
        assertThrows(IllegalArgumentException.class, () -> new LaunchConfig(1, 2048, 0));
    }
}

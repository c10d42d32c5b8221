package dev.rnn4j.cpu.internal;

import static dev.rnn4j.cpu.internal.TestTensors.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tensor.TensorScope;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CpuEmbeddingsTest {

    private final CpuBackend cpu = new CpuBackend();

    @Test
    void gatherAndScatterAddMatchOracle() {
        Random rnd = new Random(9);
        int vocab = 5, width = 3;
        int[] ids = {4, 0, 4, 2, 1, 4};
        for (boolean strided : new boolean[] {false, true}) {
            try (TensorScope s = TensorScope.open()) {
                float[] table = random(rnd, vocab * width);
                Tensor tt = tensor(s, strided, table, vocab, width);
                Tensor tids = ints(s, ids, 2, 3);
                Tensor out = tensor(s, strided, new float[ids.length * width], 2, 3, width);
                cpu.embeddingGather(tt, tids, out);
                double[] expected = new double[ids.length * width];
                for (int p = 0; p < ids.length; p++) {
                    for (int d = 0; d < width; d++) expected[p * width + d] = table[ids[p] * width + d];
                }
                assertClose(expected, out.toFloatArray(), 0, "gather");

                float[] dOut = random(rnd, ids.length * width);
                float[] dTable = random(rnd, vocab * width);
                Tensor tdt = tensor(s, strided, dTable, vocab, width);
                cpu.embeddingScatterAdd(tensor(s, strided, dOut, 2, 3, width), tids, tdt);
                double[] expectedTable = toDouble(dTable);
                for (int p = 0; p < ids.length; p++) {
                    for (int d = 0; d < width; d++) expectedTable[ids[p] * width + d] += dOut[p * width + d];
                }
                assertClose(expectedTable, tdt.toFloatArray(), 1e-6, "scatterAdd");
            }
        }
    }

    /** Rows wider than a lane block (with and without a tail) and ids repeating often: the row-wise path equals the strided element path and the oracle. */
    @Test
    void wideRowsMatchOracleAndTheStridedPath() {
        Random rnd = new Random(10);
        int vocab = 7, positions = 300;
        int[] ids = new int[positions];
        for (int p = 0; p < positions; p++) ids[p] = rnd.nextInt(vocab);
        for (int width : new int[] {32, 37}) {
            float[] table = random(rnd, vocab * width);
            float[] dOut = random(rnd, positions * width);
            float[] dTable = random(rnd, vocab * width);
            double[] gathered = new double[positions * width];
            double[] scattered = toDouble(dTable);
            for (int p = 0; p < positions; p++) {
                for (int d = 0; d < width; d++) {
                    gathered[p * width + d] = table[ids[p] * width + d];
                    scattered[ids[p] * width + d] += dOut[p * width + d];
                }
            }
            float[][] results = new float[2][];
            for (boolean strided : new boolean[] {false, true}) {
                try (TensorScope s = TensorScope.open()) {
                    Tensor tids = ints(s, ids, 20, 15);
                    Tensor out = tensor(s, strided, new float[positions * width], 20, 15, width);
                    cpu.embeddingGather(tensor(s, strided, table, vocab, width), tids, out);
                    assertClose(gathered, out.toFloatArray(), 0, "gather width=" + width + " strided=" + strided);
                    Tensor tdt = tensor(s, strided, dTable, vocab, width);
                    cpu.embeddingScatterAdd(tensor(s, strided, dOut, 20, 15, width), tids, tdt);
                    results[strided ? 1 : 0] = tdt.toFloatArray();
                    assertClose(scattered, results[strided ? 1 : 0], 1e-5, "scatterAdd width=" + width + " strided=" + strided);
                }
            }
            assertArrayEquals(results[0], results[1], "scatterAdd vectorized and scalar paths, width=" + width);
        }
    }

    @Test
    void outOfRangeIdIsNamedAndNothingIsWritten() {
        try (TensorScope s = TensorScope.open()) {
            Tensor table = s.fromArray(new float[] {1, 2, 3, 4}, 2, 2);
            Tensor out = s.fromArray(new float[] {9, 9, 9, 9, 9, 9}, 3, 2);
            var e = assertThrows(IndexOutOfBoundsException.class, () -> cpu.embeddingGather(table, ints(s, new int[] {0, 1, 2}, 3), out));
            assertTrue(e.getMessage().contains("id 2 at position 2"), e.getMessage());
            e = assertThrows(IndexOutOfBoundsException.class, () -> cpu.embeddingScatterAdd(out, ints(s, new int[] {-3, 1, 0}, 3), table));
            assertTrue(e.getMessage().contains("id -3 at position 0"), e.getMessage());
            for (float v : out.toFloatArray()) assertEquals(9f, v);
            assertArrayEquals(new float[] {1, 2, 3, 4}, table.toFloatArray());
            var shape = assertThrows(IllegalArgumentException.class, () -> cpu.embeddingGather(table, ints(s, new int[] {0, 1}, 2), out));
            assertTrue(shape.getMessage().contains("out shape [3, 2]"), shape.getMessage());
            var dtype = assertThrows(IllegalArgumentException.class, () -> cpu.embeddingGather(table, s.zeros(3), out));
            assertTrue(dtype.getMessage().contains("ids must be INT32"), dtype.getMessage());
        }
    }
}

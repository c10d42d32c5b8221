package dev.rnn4j.cpu;

import static dev.rnn4j.cpu.TestTensors.*;
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

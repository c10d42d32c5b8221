package dev.rnn4j.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnn4j.tensor.Device;
import dev.rnn4j.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The copies that pack a view, on fake device tensors ({@link FakeDevice}; nothing runs on a GPU). */
class PackedRowsTest {

    static Tensor onGpu(long... shape) {
        return FakeDevice.tensor(shape);
    }

    @Test
    void aPackedTensorIsOneRunFromItsOffset() {
        assertEquals(List.of(new PackedRows.Run(0, 0, 24)), PackedRows.runs(onGpu(3, 2, 4)));
        Tensor steps = onGpu(5, 2, 4).slice(0, 1, 4);
        assertEquals(List.of(new PackedRows.Run(8, 0, 24)), PackedRows.runs(steps), "a slice of whole steps is still one run");
    }

    @Test
    void rowsWithGapsAreOneRunEach() {
        Tensor narrow = onGpu(3, 2, 5).slice(2, 1, 5);
        List<PackedRows.Run> runs = PackedRows.runs(narrow);
        assertEquals(6, runs.size());
        for (int r = 0; r < 6; r++) assertEquals(new PackedRows.Run(1 + 5L * r, 4L * r, 4), runs.get(r));
    }

    @Test
    void swappedOuterAxesVisitTheViewInRowMajorOrder() {
        // a sequence-major [T=3, B=2, F=4] view of batch-major memory [B, T, F]
        Tensor view = onGpu(2, 3, 4).transpose(0, 1);
        List<PackedRows.Run> runs = PackedRows.runs(view);
        long[] starts = {0, 12, 4, 16, 8, 20};
        assertEquals(6, runs.size());
        for (int r = 0; r < 6; r++) assertEquals(new PackedRows.Run(starts[r], 4L * r, 4), runs.get(r));
        long total = runs.stream().mapToLong(PackedRows.Run::elements).sum();
        assertEquals(view.elementCount(), total);
    }

    @Test
    void aStridedLastAxisCannotBeCopiedByRows() {
        var e = assertThrows(IllegalArgumentException.class, () -> PackedRows.runs(onGpu(2, 3).transpose(0, 1)));
        assertTrue(e.getMessage().contains("last axis must have stride 1"), e.getMessage());
    }
}

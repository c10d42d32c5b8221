package dev.rnn4j.data;

import static org.junit.jupiter.api.Assertions.*;

import dev.rnn4j.data.PadSequences.Side;
import java.util.List;
import org.junit.jupiter.api.Test;

class PadSequencesTest {

    private static final List<int[]> SEQS = List.of(new int[] {1, 2, 3}, new int[] {4, 5}, new int[] {6}, new int[0]);

    @Test
    void kerasDefaultsPadAndTruncateAtTheFront() {
        assertArrayEquals(new int[][] {{1, 2, 3}, {0, 4, 5}, {0, 0, 6}, {0, 0, 0}}, PadSequences.keras().apply(SEQS));
        assertArrayEquals(new int[][] {{2, 3}, {4, 5}, {0, 6}, {0, 0}}, PadSequences.pad(SEQS, 2));
    }

    @Test
    void postPaddingPostTruncatingAndValue() {
        PadSequences p = PadSequences.keras().withMaxlen(2).withPadding(Side.POST).withTruncating(Side.POST).withValue(-1);
        assertArrayEquals(new int[][] {{1, 2}, {4, 5}, {6, -1}, {-1, -1}}, p.apply(SEQS));
        assertArrayEquals(new int[][] {{0, 0, 1, 2, 3}}, PadSequences.pad(List.of(new int[] {1, 2, 3}), 5));
        assertArrayEquals(new int[][] {{}}, PadSequences.pad(List.of(new int[] {1}), 0));
        assertArrayEquals(new int[0][], PadSequences.keras().apply(List.of()));
    }

    @Test
    void badArguments() {
        assertThrows(IllegalArgumentException.class, () -> PadSequences.keras().withMaxlen(-2));
        assertThrows(IllegalArgumentException.class, () -> PadSequences.keras().apply(java.util.Arrays.asList(new int[] {1}, null)));
        assertThrows(NullPointerException.class, () -> PadSequences.keras().withPadding(null));
    }
}

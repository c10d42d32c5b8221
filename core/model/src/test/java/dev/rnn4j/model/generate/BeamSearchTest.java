package dev.rnn4j.model.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Greedy and beam search on a Markov chain whose best sequence greedy decoding misses. */
class BeamSearchTest {

    static final int END = 0, A = 1, B = 2, START = 3;

    /**
     * Next-token probabilities given the last token: after START a 0.6, b 0.4; after a: end 0.3, a 0.35, b 0.35;
     * after b: end 0.95, a 0.05. The best sequence is "b" (0.4·0.95 = 0.38); greedy takes "a" first (0.6) and never
     * does better than 0.18. Each row's state is the tokens it was fed; every fed token must be a possible successor
     * of the row's previous one, which fails if {@link BeamSearch.Decoder#select} mixed the rows up.
     */
    static final class Chain implements BeamSearch.Decoder {
        static final double[][] P = {{0, 0, 0, 0}, {0.3, 0.35, 0.35, 0}, {0.95, 0.05, 0, 0}, {0, 0.6, 0.4, 0}};
        final List<List<Integer>> rows = new ArrayList<>(List.of(new ArrayList<>()));
        int steps;

        @Override
        public float[][] step(int[] lastTokens) {
            assertEquals(rows.size(), lastTokens.length);
            steps++;
            float[][] out = new float[lastTokens.length][];
            for (int r = 0; r < lastTokens.length; r++) {
                List<Integer> fed = rows.get(r);
                if (fed.isEmpty()) assertEquals(START, lastTokens[r]);
                else assertTrue(P[fed.getLast()][lastTokens[r]] > 0, "row " + r + " fed " + fed + " then " + lastTokens[r]);
                fed.add(lastTokens[r]);
                out[r] = log(P[lastTokens[r]]);
            }
            return out;
        }

        @Override
        public void select(int[] keep) {
            List<List<Integer>> next = new ArrayList<>();
            for (int r : keep) next.add(new ArrayList<>(rows.get(r)));
            rows.clear();
            rows.addAll(next);
        }

        private static float[] log(double[] p) {
            float[] l = new float[p.length];
            for (int i = 0; i < p.length; i++) l[i] = p[i] == 0 ? Float.NEGATIVE_INFINITY : (float) Math.log(p[i]);
            return l;
        }
    }

    @Test
    void beamSearchFindsTheSequenceGreedyMisses() {
        BeamSearch.Hypothesis greedy = BeamSearch.greedy(new Chain(), START, END, 6);
        assertEquals(A, greedy.tokens()[0], "greedy takes the likelier first token");
        List<BeamSearch.Hypothesis> beams = BeamSearch.search(new Chain(), START, END, 2, 6);
        assertArrayEquals(new int[] {B}, beams.getFirst().tokens());
        assertTrue(beams.getFirst().finished());
        assertEquals(Math.log(0.4) + Math.log(0.95), beams.getFirst().logProbability(), 1e-6);
        assertTrue(beams.getFirst().logProbability() > greedy.logProbability());
        assertTrue(beams.size() <= 2);
    }

    @Test
    void widthOneIsGreedyAndTheLengthLimitGivesUnfinishedHypotheses() {
        Chain chain = new Chain();
        BeamSearch.Hypothesis one = BeamSearch.search(chain, START, END, 1, 3).getFirst();
        assertEquals(one, BeamSearch.greedy(new Chain(), START, END, 3));
        assertFalse(one.finished(), "a, a, a: no end within 3 tokens");
        assertArrayEquals(new int[] {A, A, A}, one.tokens());
        assertEquals(3, chain.steps);
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> BeamSearch.search(new Chain(), START, END, 0, 3));
        assertThrows(IllegalArgumentException.class, () -> BeamSearch.search(new Chain(), START, END, 2, 0));
        BeamSearch.Decoder nan = new BeamSearch.Decoder() {
            public float[][] step(int[] last) {
                return new float[][] {{Float.NaN, 0}};
            }

            public void select(int[] rows) {
            }
        };
        assertTrue(assertThrows(IllegalStateException.class, () -> BeamSearch.greedy(nan, 1, 0, 3)).getMessage().contains("NaN"));
    }
}

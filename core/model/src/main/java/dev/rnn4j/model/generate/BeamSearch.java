package dev.rnn4j.model.generate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Decoding a sequence one token at a time from a model that carries its state from step to step (an
 * encoder–decoder's decoder): greedy (the most likely token at every step) and beam search (the
 * {@code beamWidth} most likely partial sequences kept at every step; width 1 is greedy). A hypothesis's score is
 * the sum of its tokens' log-probabilities, without length normalisation; the search stops when no live
 * hypothesis can beat the best finished one (log-probabilities only lower a score), when every kept hypothesis
 * has ended, or after {@code maxLength} tokens.
 *
 * <p>The model is reached through a {@link Decoder}, which holds one row of state per live hypothesis.
 */
public final class BeamSearch {

    private BeamSearch() {
    }

    /** The decoder's side of the search: next-token log-probabilities per live row, and which rows live on. */
    public interface Decoder {

        /**
         * Feeds each live row its last token and returns the log-probabilities of the next token, [rows][vocab];
         * the decoder advances every row's state by one step. The first call has one row (the start token).
         */
        float[][] step(int[] lastTokens);

        /**
         * Keeps rows {@code rows} of the last step (indices into its rows, repeats allowed) as the new live rows,
         * in this order: the state of new row i is the state of old row rows[i].
         */
        void select(int[] rows);
    }

    /** A decoded sequence (without the start and end tokens), its log-probability, and whether it produced the end token. */
    public record Hypothesis(int[] tokens, double logProbability, boolean finished) {
        public Hypothesis {
            tokens = tokens.clone();
        }

        @Override
        public int[] tokens() {
            return tokens.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Hypothesis h && java.util.Arrays.equals(tokens, h.tokens) && Double.compare(logProbability, h.logProbability) == 0
                    && finished == h.finished;
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(tokens) * 31 + Double.hashCode(logProbability) + (finished ? 1 : 0);
        }

        @Override
        public String toString() {
            return "Hypothesis" + java.util.Arrays.toString(tokens) + " log p " + logProbability + (finished ? "" : " (unfinished)");
        }
    }

    /** The most likely token at every step (beam width 1). */
    public static Hypothesis greedy(Decoder decoder, int start, int end, int maxLength) {
        return search(decoder, start, end, 1, maxLength).getFirst();
    }

    /**
     * Beam search: up to {@code beamWidth} hypotheses, best first (finished ones; if none finished within
     * {@code maxLength} tokens, the live ones, marked unfinished).
     */
    public static List<Hypothesis> search(Decoder decoder, int start, int end, int beamWidth, int maxLength) {
        Objects.requireNonNull(decoder, "decoder");
        if (beamWidth < 1) throw new IllegalArgumentException("beam width must be >= 1, got " + beamWidth);
        if (maxLength < 1) throw new IllegalArgumentException("max length must be >= 1, got " + maxLength);
        List<Partial> live = List.of(new Partial(new int[0], start, 0));
        List<Hypothesis> finished = new ArrayList<>();
        for (int length = 0; length < maxLength && !live.isEmpty(); length++) {
            int[] last = live.stream().mapToInt(Partial::last).toArray();
            float[][] logProbs = decoder.step(last);
            if (logProbs.length != live.size()) throw new IllegalStateException("the decoder gave " + logProbs.length + " rows for " + live.size() + " hypotheses");
            List<Candidate> candidates = new ArrayList<>();
            for (int row = 0; row < live.size(); row++) {
                for (int token = 0; token < logProbs[row].length; token++) {
                    float lp = logProbs[row][token];
                    if (Float.isNaN(lp)) throw new IllegalStateException("the decoder gave a NaN log-probability for token " + token + " at step " + length);
                    if (lp != Float.NEGATIVE_INFINITY) candidates.add(new Candidate(row, token, live.get(row).score() + lp));
                }
            }
            candidates.sort(Comparator.comparingDouble(Candidate::score).reversed().thenComparingInt(Candidate::row).thenComparingInt(Candidate::token));
            List<Candidate> kept = new ArrayList<>();
            for (Candidate c : candidates.subList(0, Math.min(beamWidth, candidates.size()))) {
                if (c.token() == end) finished.add(new Hypothesis(live.get(c.row()).tokens(), c.score(), true));
                else kept.add(c);
            }
            double bestFinished = finished.stream().mapToDouble(Hypothesis::logProbability).max().orElse(Double.NEGATIVE_INFINITY);
            kept.removeIf(c -> c.score() <= bestFinished);
            List<Partial> next = new ArrayList<>();
            for (Candidate c : kept) next.add(live.get(c.row()).extend(c.token(), c.score()));
            if (!next.isEmpty()) decoder.select(kept.stream().mapToInt(Candidate::row).toArray());
            live = next;
        }
        List<Hypothesis> result = new ArrayList<>(finished);
        if (result.isEmpty()) for (Partial p : live) result.add(new Hypothesis(p.tokens(), p.score(), false));
        result.sort(Comparator.comparingDouble(Hypothesis::logProbability).reversed());
        return List.copyOf(result.subList(0, Math.min(beamWidth, result.size())));
    }

    private record Partial(int[] tokens, int last, double score) {
        Partial extend(int token, double newScore) {
            int[] t = java.util.Arrays.copyOf(tokens, tokens.length + 1);
            t[tokens.length] = token;
            return new Partial(t, token, newScore);
        }
    }

    private record Candidate(int row, int token, double score) {
    }
}

package dev.rnn4j.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An embedded sentiment task that needs word order, generated here (no third-party text). Every sentence
 * has two clauses, one with a positive and one with a negative adjective, and exactly one negator
 * ("not", "never", optionally followed by "at all"):
 * <pre>
 *   pos: "the plot was good and the music was not bad at all"
 *   neg: "the plot was not good and the music was bad"
 * </pre>
 * The label is positive exactly when the negator stands before the negative adjective. Examples are made
 * in pairs that use the same words, once with each label, so the bag of words of a sentence carries no
 * information about its label: a bag-of-words model stays at chance, a model that reads in order does not.
 */
public final class NegationSentiment {

    public static final List<String> LABELS = List.of("neg", "pos");

    static final List<String> SUBJECTS = List.of("the film", "the movie", "the plot", "the acting", "the story", "the music", "the ending", "the cast");
    static final List<String> VERBS = List.of("was", "is", "felt", "seemed");
    static final List<String> POSITIVE = List.of("good", "great", "fun", "brilliant", "lovely", "excellent");
    static final List<String> NEGATIVE = List.of("bad", "awful", "boring", "dull", "terrible", "poor");
    static final List<String> NEGATORS = List.of("not", "never");

    private NegationSentiment() {
    }

    /** {@code 2 * pairs} shuffled examples, labels {@code neg = 0}, {@code pos = 1}. */
    public static LabeledTexts generate(int pairs, long seed) {
        if (pairs <= 0) throw new IllegalArgumentException("pairs must be positive, got " + pairs);
        SplittableRandom r = new SplittableRandom(seed);
        List<String> texts = new ArrayList<>(2 * pairs);
        List<Integer> labels = new ArrayList<>(2 * pairs);
        for (int p = 0; p < pairs; p++) {
            String s1 = pick(SUBJECTS, r), v1 = pick(VERBS, r);
            String s2 = pick(SUBJECTS, r), v2 = pick(VERBS, r);
            String good = pick(POSITIVE, r), bad = pick(NEGATIVE, r);
            String negator = pick(NEGATORS, r);
            boolean atAll = r.nextInt(3) == 0;
            boolean goodFirst = r.nextBoolean();
            for (int label = 0; label < 2; label++) {
                boolean negateBad = label == 1;
                String goodClause = clause(good, !negateBad, negator, atAll);
                String badClause = clause(bad, negateBad, negator, atAll);
                String first = goodFirst ? goodClause : badClause;
                String second = goodFirst ? badClause : goodClause;
                texts.add(s1 + " " + v1 + " " + first + " and " + s2 + " " + v2 + " " + second);
                labels.add(label);
            }
        }
        int[] order = Permutations.shuffled(texts.size(), r);
        List<String> shuffledTexts = new ArrayList<>(texts.size());
        int[] shuffledLabels = new int[texts.size()];
        for (int i = 0; i < order.length; i++) {
            shuffledTexts.add(texts.get(order[i]));
            shuffledLabels[i] = labels.get(order[i]);
        }
        return new LabeledTexts(shuffledTexts, shuffledLabels, LABELS);
    }

    private static String clause(String adjective, boolean negated, String negator, boolean atAll) {
        return negated ? negator + " " + adjective + (atAll ? " at all" : "") : adjective;
    }

    private static String pick(List<String> words, SplittableRandom r) {
        return words.get(r.nextInt(words.size()));
    }
}

package dev.rnn4j.data;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo's embedded char-level corpus, generated here (no third-party text): one addition of two
 * operands in {@code 0..99} per line, {@code "37+45=82\n"}. Because the grammar is tiny and the answer is
 * determined by the operands, generated text can be checked: {@link #score} counts how many lines are
 * well-formed and how many of those are arithmetically correct.
 */
public final class AdditionCorpus {

    public static final int MAX_OPERAND = 99;

    /** A number without leading zeros: 0..99 for operands, 0..198 for sums (up to three digits). */
    private static final Pattern LINE = Pattern.compile("(0|[1-9][0-9]?)\\+(0|[1-9][0-9]?)=(0|[1-9][0-9]{0,2})");

    private AdditionCorpus() {
    }

    /** One problem {@code a + b}. */
    public record Addition(int a, int b) {
        public Addition {
            if (a < 0 || a > MAX_OPERAND || b < 0 || b > MAX_OPERAND) {
                throw new IllegalArgumentException("operands must be in 0.." + MAX_OPERAND + ", got " + a + " and " + b);
            }
        }

        /** {@code "a+b="}: what a model is prompted with. */
        public String prompt() {
            return a + "+" + b + "=";
        }

        public int sum() {
            return a + b;
        }
    }

    /** {@code lines} random additions, each ending with a newline; the same seed gives the same text. */
    public static String generate(int lines, long seed) {
        return generate(lines, seed, Set.of());
    }

    /** As {@link #generate(int, long)} but never using a problem in {@code heldOut} (kept for testing). */
    public static String generate(int lines, long seed, Set<Addition> heldOut) {
        if (lines <= 0) throw new IllegalArgumentException("lines must be positive, got " + lines);
        if (heldOut.size() > (MAX_OPERAND + 1) * (MAX_OPERAND + 1) / 2) throw new IllegalArgumentException("hold out at most half of the problems");
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder out = new StringBuilder(lines * 9);
        for (int i = 0; i < lines; ) {
            Addition p = random(random);
            if (heldOut.contains(p)) continue;
            out.append(line(p.a(), p.b())).append('\n');
            i++;
        }
        return out.toString();
    }

    /** {@code count} distinct random problems. */
    public static Set<Addition> problems(int count, long seed) {
        if (count < 0 || count > (MAX_OPERAND + 1) * (MAX_OPERAND + 1)) throw new IllegalArgumentException("cannot draw " + count + " distinct problems");
        SplittableRandom random = new SplittableRandom(seed);
        Set<Addition> out = new LinkedHashSet<>();
        while (out.size() < count) out.add(random(random));
        return out;
    }

    private static Addition random(SplittableRandom r) {
        return new Addition(r.nextInt(MAX_OPERAND + 1), r.nextInt(MAX_OPERAND + 1));
    }

    /** {@code "a+b=sum"} without the newline. */
    public static String line(int a, int b) {
        Addition p = new Addition(a, b);
        return p.prompt() + p.sum();
    }

    /**
     * Scores generated text. Only complete lines count (those followed by a newline), so a sample cut off
     * mid-line is not penalised; empty lines count as lines that are not well-formed.
     */
    public static AdditionScore score(String text) {
        int lines = 0;
        int wellFormed = 0;
        int correct = 0;
        int start = 0;
        for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
            String line = text.substring(start, nl);
            start = nl + 1;
            lines++;
            Matcher m = LINE.matcher(line);
            if (!m.matches()) continue;
            wellFormed++;
            if (Integer.parseInt(m.group(1)) + Integer.parseInt(m.group(2)) == Integer.parseInt(m.group(3))) correct++;
        }
        return new AdditionScore(lines, wellFormed, correct);
    }
}

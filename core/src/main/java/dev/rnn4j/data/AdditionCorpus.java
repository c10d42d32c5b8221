package dev.rnn4j.data;

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

    /** {@code lines} random additions, each ending with a newline; the same seed gives the same text. */
    public static String generate(int lines, long seed) {
        if (lines <= 0) throw new IllegalArgumentException("lines must be positive, got " + lines);
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder out = new StringBuilder(lines * 9);
        for (int i = 0; i < lines; i++) {
            out.append(line(random.nextInt(MAX_OPERAND + 1), random.nextInt(MAX_OPERAND + 1))).append('\n');
        }
        return out.toString();
    }

    /** {@code "a+b=sum"} without the newline. */
    public static String line(int a, int b) {
        if (a < 0 || a > MAX_OPERAND || b < 0 || b > MAX_OPERAND) {
            throw new IllegalArgumentException("operands must be in 0.." + MAX_OPERAND + ", got " + a + " and " + b);
        }
        return a + "+" + b + "=" + (a + b);
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

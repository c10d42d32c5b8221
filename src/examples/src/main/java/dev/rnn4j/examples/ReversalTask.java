package dev.rnn4j.examples;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The encoder–decoder's task, generated here: a string of digits in, the same digits reversed out ("40213" →
 * "31204"). Token ids: 0 padding, 1 start, 2 end, 3–12 the digits 0–9. A pair becomes the encoder's input
 * (the digits, padded after), the decoder's input with teacher forcing (start, then the target's digits) and the
 * decoder's target (the target's digits, then end), the last two padded to {@code maxLength + 1}.
 */
final class ReversalTask {

    static final int PAD = 0, START = 1, END = 2, VOCABULARY = 13;

    /** One example: a digit string and its reversal. */
    record Pair(String source, String target) {
    }

    /** Id arrays for a list of pairs: encoder input [N][maxLength], decoder input and target [N][maxLength + 1]. */
    record Encoded(int[][] source, int[][] decoderInput, int[][] decoderTarget) {
    }

    private ReversalTask() {
    }

    /** {@code count} distinct digit strings of {@code minLength..maxLength} digits, none of them in {@code exclude}. */
    static List<Pair> generate(int count, int minLength, int maxLength, long seed, Set<String> exclude) {
        SplittableRandom rng = new SplittableRandom(seed);
        Set<String> seen = new HashSet<>(exclude);
        List<Pair> pairs = new ArrayList<>();
        while (pairs.size() < count) {
            int length = minLength + rng.nextInt(maxLength - minLength + 1);
            StringBuilder digits = new StringBuilder();
            for (int i = 0; i < length; i++) digits.append((char) ('0' + rng.nextInt(10)));
            String s = digits.toString();
            if (seen.add(s)) pairs.add(new Pair(s, new StringBuilder(s).reverse().toString()));
        }
        return pairs;
    }

    static int id(char digit) {
        return 3 + (digit - '0');
    }

    /** The text of token ids, up to the end token; other special ids are skipped. */
    static String text(int[] ids) {
        StringBuilder sb = new StringBuilder();
        for (int id : ids) {
            if (id == END) break;
            if (id >= 3) sb.append((char) ('0' + id - 3));
        }
        return sb.toString();
    }

    static Encoded encode(List<Pair> pairs, int maxLength) {
        int n = pairs.size();
        int[][] source = new int[n][maxLength], decoderInput = new int[n][maxLength + 1], decoderTarget = new int[n][maxLength + 1];
        for (int i = 0; i < n; i++) {
            String s = pairs.get(i).source(), t = pairs.get(i).target();
            for (int k = 0; k < s.length(); k++) source[i][k] = id(s.charAt(k));
            decoderInput[i][0] = START;
            for (int k = 0; k < t.length(); k++) {
                decoderInput[i][k + 1] = id(t.charAt(k));
                decoderTarget[i][k] = id(t.charAt(k));
            }
            decoderTarget[i][t.length()] = END;
        }
        return new Encoded(source, decoderInput, decoderTarget);
    }
}

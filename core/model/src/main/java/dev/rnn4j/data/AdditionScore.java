package dev.rnn4j.data;

/** How many complete generated lines there were, how many follow the grammar, how many add up. */
public record AdditionScore(int lines, int wellFormed, int correct) {

    public AdditionScore {
        if (lines < 0 || wellFormed < 0 || correct < 0 || wellFormed > lines || correct > wellFormed) {
            throw new IllegalArgumentException("inconsistent counts: lines " + lines + ", well-formed " + wellFormed + ", correct " + correct);
        }
    }

    /** Correct lines over all complete lines (0 when there are none). */
    public double accuracy() {
        return lines == 0 ? 0 : (double) correct / lines;
    }

    @Override
    public String toString() {
        return String.format("%d/%d lines well-formed, %d/%d correct (%.1f%%)", wellFormed, lines, correct, lines, 100 * accuracy());
    }
}

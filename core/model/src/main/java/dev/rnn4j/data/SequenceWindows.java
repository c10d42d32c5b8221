package dev.rnn4j.data;

/**
 * Language-model training pairs: {@code inputs[w]} and {@code targets[w]} both have the window length and
 * {@code targets[w][t]} is the token after {@code inputs[w][t]}.
 */
public record SequenceWindows(int[][] inputs, int[][] targets) {

    public SequenceWindows {
        if (inputs.length != targets.length) throw new IllegalArgumentException(inputs.length + " input windows but " + targets.length + " target windows");
    }

    public int count() {
        return inputs.length;
    }

    public int seqLength() {
        return inputs.length == 0 ? 0 : inputs[0].length;
    }
}

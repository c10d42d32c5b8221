package dev.rnn4j.bench.peers;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One side's results in a case against the double-precision reference: named relative errors
 * (max |a − e| / max |e|, {@link RelativeError}) and the verdict, ok when every one is within {@link #BOUND}.
 * Formats the {@code # check} lines: a wrong side is named plainly, and the timings are still shown.
 */
public record ReferenceCheck(Side side, List<Map.Entry<String, Double>> errors) {

    /** The bound of every relative error for "ok". */
    public static final double BOUND = 1e-5;

    public enum Side {
        RNN4J("rnn4j", "WRONG (rnn4j's own result: an rnn4j bug; timings still shown)"),
        PYTORCH("pytorch", "WRONG (PyTorch's own result, not rnn4j's: PyTorch's oneDNN on this CPU, see the ISA in the header;"
                + " timings still shown)");

        private final String label;
        private final String wrong;

        Side(String label, String wrong) {
            this.label = label;
            this.wrong = wrong;
        }
    }

    public ReferenceCheck {
        errors = List.copyOf(errors);
    }

    /** Every error within the bound (a NaN is not). */
    public boolean ok() {
        return errors.stream().allMatch(e -> e.getValue() <= BOUND);
    }

    /** "rnn4j vs double ref y=3.10e-07 small_dW=1.20e-06 ok", or "… WRONG (…)". */
    public String text() {
        var sb = new StringBuilder(side.label).append(" vs double ref");
        errors.forEach(e -> sb.append(' ').append(e.getKey()).append('=').append(format(e.getValue())));
        return sb.append(' ').append(ok() ? "ok" : side.wrong).toString();
    }

    /** {@code # check <name> <dims>: <rnn4j's check>; <pytorch's check>; rnn4j vs pytorch <crossCheck>}. */
    public static String line(String name, String dims, ReferenceCheck rnn4j, ReferenceCheck pytorch, String crossCheck) {
        var line = new StringJoiner("; ", "# check " + name + " " + dims + ": ", "");
        return line.add(rnn4j.text()).add(pytorch.text()).add("rnn4j vs pytorch " + crossCheck).toString();
    }

    static String format(double relativeError) {
        return String.format(Locale.ROOT, "%.2e", relativeError);
    }
}

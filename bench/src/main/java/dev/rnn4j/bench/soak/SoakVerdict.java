package dev.rnn4j.bench.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether memory stayed flat after warm-up: the last sample against the first sample taken at or after
 * {@code warmupSteps}. Flat means RSS, NMT committed (less HotSpot's chunk pool, see
 * {@link NmtSummary#committedKbWithoutChunkPool()}), NMT "Other" and heap used each grew by at most
 * {@code thresholdMb}, and the live "Other" allocations (off-heap segments) by at most one per 100 steps.
 *
 * @param checks what was compared; empty when no sample came after the warm-up sample
 */
public record SoakVerdict(SoakSample baseline, SoakSample last, double thresholdMb, List<Check> checks) {

    /** Steps per allowed leaked allocation: a growth of one live segment per this many steps fails the check. */
    public static final long STEPS_PER_ALLOWED_ALLOCATION = 100;

    /** One measure's growth from the baseline to the last sample and its limit, both in {@code unit}. */
    public record Check(String measure, double growth, double limit, String unit) {
        public boolean passed() {
            return growth <= limit;
        }

        @Override
        public String toString() {
            return measure + " " + (unit.equals("MB") ? String.format(Locale.ROOT, "%+.1f MB", growth) : String.format(Locale.ROOT, "%+.0f", growth));
        }
    }

    public SoakVerdict {
        checks = List.copyOf(checks);
    }

    public static SoakVerdict of(List<SoakSample> samples, long warmupSteps, double thresholdMb) {
        if (samples.isEmpty()) throw new IllegalArgumentException("no samples");
        if (!(thresholdMb >= 0)) throw new IllegalArgumentException("--threshold-mb must be >= 0, got " + thresholdMb);
        SoakSample last = samples.getLast();
        SoakSample baseline = samples.stream().filter(s -> s.step() >= warmupSteps && s.step() > 0).findFirst().orElse(last);
        List<Check> checks = new ArrayList<>();
        if (baseline != last) {
            MemorySample a = baseline.memory(), b = last.memory();
            if (a.rssKb() >= 0 && b.rssKb() >= 0) checks.add(megabytes("RSS", (b.rssKb() - a.rssKb()) * 1024.0, thresholdMb));
            if (a.nmt() != null && b.nmt() != null) {
                checks.add(megabytes("NMT committed less " + NmtSummary.CHUNK_POOL,
                        (b.nmt().committedKbWithoutChunkPool() - a.nmt().committedKbWithoutChunkPool()) * 1024.0, thresholdMb));
                NmtSummary.Category otherA = a.nmt().category("Other"), otherB = b.nmt().category("Other");
                checks.add(megabytes("NMT Other", (otherB.committedKb() - otherA.committedKb()) * 1024.0, thresholdMb));
                checks.add(new Check("NMT Other allocations", otherB.mallocCount() - otherA.mallocCount(),
                        (last.step() - baseline.step()) / (double) STEPS_PER_ALLOWED_ALLOCATION, "allocations"));
            }
            checks.add(megabytes("heap used", b.heapUsed() - a.heapUsed(), thresholdMb));
        }
        return new SoakVerdict(baseline, last, thresholdMb, checks);
    }

    /** Flat: at least one measure compared, none grew past its limit. */
    public boolean flat() {
        return !checks.isEmpty() && checks.stream().allMatch(Check::passed);
    }

    /** One line: FLAT / GROWING / NO VERDICT, the steps compared, each growth and the limits. */
    public String line() {
        if (checks.isEmpty()) {
            return "verdict: NO VERDICT: no sample after the warm-up sample at step " + baseline.step() + " (run more steps than --warmup)";
        }
        List<String> failed = checks.stream().filter(c -> !c.passed()).map(Check::measure).toList();
        String growths = String.join(", ", checks.stream().map(Check::toString).toList());
        return "verdict: " + (failed.isEmpty() ? "FLAT" : "GROWING (" + String.join(", ", failed) + ")")
                + " from step " + baseline.step() + " to step " + last.step() + ": " + growths
                + String.format(Locale.ROOT, " (limits: %.1f MB for each MB figure", thresholdMb)
                + checks.stream().filter(c -> !c.unit().equals("MB")).findFirst()
                        .map(c -> String.format(Locale.ROOT, "; at most one allocation per %d steps = %.0f", STEPS_PER_ALLOWED_ALLOCATION, c.limit()))
                        .orElse("")
                + ")";
    }

    private static Check megabytes(String measure, double bytes, double limitMb) {
        return new Check(measure, bytes / (1024.0 * 1024.0), limitMb, "MB");
    }
}

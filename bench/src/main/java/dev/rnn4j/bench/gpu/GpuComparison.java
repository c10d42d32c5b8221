package dev.rnn4j.bench.gpu;

import dev.rnn4j.bench.peers.PeerResult;
import dev.rnn4j.bench.peers.RelativeError;
import dev.rnn4j.rnn.PyTorchRnnWeights;
import dev.rnn4j.rnn.RnnDescriptor;
import dev.rnn4j.rnn.RnnMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Joins the two sides of the GPU benchmark case by case: a {@code # check} line comparing their outputs
 * (relative difference {@code max|a − b| / max|b|}, PyTorch's output as b, against the case's tol), then a
 * result line in bench/peers' format with ratio = rnn4j_ms / pytorch_ms and the case's target, or a
 * {@code # failed} line saying which side has no time and why.
 */
public final class GpuComparison {

    private final Path data;
    private final List<GpuCase> cases;
    private final Map<Integer, SideResult> ours;
    private final Map<Integer, SideResult> theirs;

    public GpuComparison(Path data, List<GpuCase> cases, Map<Integer, SideResult> ours, Map<Integer, SideResult> theirs) {
        this.data = Objects.requireNonNull(data, "data");
        this.cases = List.copyOf(cases);
        this.ours = Map.copyOf(ours);
        this.theirs = Map.copyOf(theirs);
    }

    /** Every case's lines, in plan order. */
    public List<String> lines() throws IOException {
        var out = new ArrayList<String>();
        for (GpuCase c : cases) out.addAll(lines(c));
        return out;
    }

    List<String> lines(GpuCase c) throws IOException {
        SideResult a = ours.get(c.id());
        SideResult b = theirs.get(c.id());
        String problem = problem("rnn4j", a).or(() -> problem("pytorch", b)).orElse(null);
        if (problem != null) {
            return List.of("# failed id=" + c.id() + " case=" + c.name() + " " + c.dims() + ": rnn4j: " + describe(a) + "; pytorch: " + describe(b));
        }
        Check check = check(c, a, b);
        var result = new PeerResult(c.name(), c.dims() + (c.kind().equals("rnn") && c.param("lengths").equals("ragged") ? " lengths=ragged" : ""),
                a.ms(), b.ms());
        String target = c.param("target");
        result = result.with("target", target)
                .with("met", target.equals("none") ? "n/a" : result.ratio() <= Double.parseDouble(target) ? "yes" : "no")
                .with("check", check.verdict());
        switch (c.kind()) {
            case "sgemm" -> {
                double flops = 2.0 * c.intParam("M") * c.intParam("N") * c.intParam("K");
                result = result.with("rnn4j_tflops", fixed1(flops / a.ms() / 1e9)).with("pytorch_tflops", fixed1(flops / b.ms() / 1e9));
            }
            case "charlm" -> {
                double tokens = (double) c.intParam("T") * c.intParam("B");
                double ourRate = tokens / (a.ms() / 1000), theirRate = tokens / (b.ms() / 1000);
                result = result.with("rnn4j_tokens_per_s", String.format(Locale.ROOT, "%.0f", ourRate))
                        .with("pytorch_tokens_per_s", String.format(Locale.ROOT, "%.0f", theirRate))
                        .with("tokens_per_s_ratio", PeerResult.format(ourRate / theirRate));
            }
            default -> {
            }
        }
        return List.of("# check id=" + c.id() + " " + c.name() + " " + c.dims() + ": " + check.text() + settings(b), result.line());
    }

    /** The PyTorch side's reported settings (TF32 flags, matmul precision): its fields other than times and losses. */
    private static String settings(SideResult r) {
        var words = r.fields().entrySet().stream()
                .filter(e -> !List.of("ms", "warmup", "reps", "timer").contains(e.getKey()) && !e.getKey().matches("loss\\d+"))
                .map(e -> e.getKey() + "=" + e.getValue()).toList();
        return words.isEmpty() ? "" : "; pytorch " + String.join(" ", words);
    }

    /** Why a side has no usable time, if it has none. */
    private static Optional<String> problem(String side, SideResult r) {
        if (r == null) return Optional.of(side + " has no result");
        if (r.error() != null) return Optional.of(side + " failed");
        try {
            r.ms();
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static String describe(SideResult r) {
        if (r == null) return "no result (the side did not run or stopped before this case)";
        if (r.error() != null) return "error: " + r.error();
        return problem("", r).map(p -> "bad result: " + p).orElse(PeerResult.format(r.ms()) + " ms");
    }

    /** The comparison of one case's outputs: its text and verdict (ok, MISMATCH, or missing …). */
    record Check(String text, String verdict) {
    }

    private Check check(GpuCase c, SideResult a, SideResult b) throws IOException {
        double tol = c.doubleParam("tol");
        var text = new StringBuilder();
        double worst = 0;
        try {
            switch (c.kind()) {
                case "rnn" -> {
                    int t = c.intParam("T"), batch = c.intParam("B"), in = c.intParam("I"), h = c.intParam("H");
                    if (c.param("pass").equals("fwd")) {
                        worst = compare(c, "y", t * batch * h, text);
                    } else {
                        var rnn = RnnDescriptor.of(RnnMode.valueOf(c.param("mode")), 1, false, in, h);
                        int weights = PyTorchRnnWeights.parameters(rnn).stream().mapToInt(PyTorchRnnWeights.Parameter::size).sum();
                        worst = Math.max(compare(c, "dw", weights, text), compare(c, "dx", t * batch * in, text));
                    }
                }
                case "sgemm" -> {
                    int n = GpuInputs.elements(Math.min(c.intParam("M"), c.intParam("check_rows")), c.intParam("N"));
                    worst = compare(c, "c", n, text);
                    text.append(" (C's first ").append(Math.min(c.intParam("M"), c.intParam("check_rows"))).append(" rows)");
                    fp32Reference(c).ifPresent(ref -> {
                        try {
                            float[] exact = F32Files.read(output("rnn4j", ref, "c"), n);
                            text.append(String.format(Locale.ROOT, "; against rnn4j's FP32 C: rnn4j %.2e, pytorch %.2e",
                                    RelativeError.of(F32Files.read(output("rnn4j", c, "c"), n), exact),
                                    RelativeError.of(F32Files.read(output("pytorch", c, "c"), n), exact)));
                        } catch (IOException e) {
                            text.append("; against FP32: unavailable (").append(e.getMessage()).append(')');
                        }
                    });
                }
                case "charlm" -> {
                    for (int s = 1; s <= c.intParam("checked_steps"); s++) {
                        String key = "loss" + s;
                        float x = loss(a, key), y = loss(b, key);
                        double err = RelativeError.of(new float[] {x}, new float[] {y});
                        worst = Double.isNaN(err) ? err : Math.max(worst, err);
                        text.append(String.format(Locale.ROOT, "%sstep%d_loss rnn4j=%.6f pytorch=%.6f rel_err=%.2e", s == 1 ? "" : " ", s, x, y, err));
                    }
                }
                default -> throw new IllegalArgumentException("case id=" + c.id() + ": unknown kind " + c.kind());
            }
        } catch (IOException | IllegalArgumentException e) {
            return new Check(text + " missing: " + e.getMessage(), "missing");
        }
        boolean ok = worst <= tol;
        text.append(String.format(Locale.ROOT, " (tol %s) -> %s", c.param("tol"), ok ? "ok" : "MISMATCH"));
        return new Check(text.toString(), ok ? "ok" : "MISMATCH");
    }

    private double compare(GpuCase c, String what, int n, StringBuilder text) throws IOException {
        double err = RelativeError.of(F32Files.read(output("rnn4j", c, what), n), F32Files.read(output("pytorch", c, what), n));
        text.append(text.isEmpty() ? "" : " ").append(String.format(Locale.ROOT, "rel_err_%s=%.2e", what, err));
        return err;
    }

    private static float loss(SideResult r, String key) {
        String v = r.field(key).orElseThrow(() -> new IllegalArgumentException("result id=" + r.id() + " has no " + key));
        try {
            return Float.parseFloat(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("result id=" + r.id() + ": " + key + " is not a number: " + v, e);
        }
    }

    /** For a TF32 or BF16 SGEMM, the FP32 case of the plan with the same sizes and seed. */
    private Optional<GpuCase> fp32Reference(GpuCase c) {
        if (c.param("precision").equals("FP32")) return Optional.empty();
        return cases.stream().filter(o -> o.kind().equals("sgemm") && o.param("precision").equals("FP32") && o.dims().equals(c.dims())
                && o.param("seed").equals(c.param("seed")) && o.param("check_rows").equals(c.param("check_rows"))).findFirst();
    }

    private Path output(String side, GpuCase c, String what) {
        return data.resolve(side + "-" + c.id() + "-" + what + ".f32");
    }

    private static String fixed1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** The header lines (starting with '#') of a side's results file; none when it does not exist. */
    public static List<String> headers(Path file) throws IOException {
        if (!Files.exists(file)) return List.of();
        return Files.readAllLines(file).stream().filter(l -> l.startsWith("#")).toList();
    }
}

package dev.rnn4j.bench.gpu;

import dev.rnn4j.bench.peers.RnnShape;
import dev.rnn4j.rnn.RnnMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The cases of the GPU benchmark, in the order they run. The {@link Plan#DEVICE} plan is the issue's: LSTM
 * and GRU forward and forward+backward at (T=100, B=64, I=512, H=512) and (T=200, B=128, I=1024, H=1024),
 * LSTM with ragged lengths at the first shape, SGEMM 8192³ in FP32, TF32 and BF16, and the char-LM
 * training step. {@link Plan#TINY} has the same kinds at toy sizes, for the dry run on a CPU.
 *
 * <p>Keys of each kind: {@code rnn}: mode, pass (fwd|fwdbwd), T, B, I, H, lengths (full|ragged), wscale
 * (the weights' scale 1/√H as float bits); {@code sgemm}: precision (FP32|TF32|BF16), M, N, K, check_rows
 * (C's rows that are compared); {@code charlm}: T, B, E, H, V, lr, wscale, checked_steps (losses compared).
 * Every case has seed, warmup, reps, target (the time ratio to meet, or "none") and tol (the largest relative
 * difference of the outputs that passes the check).
 */
public final class GpuCases {

    /** Which cases. */
    public enum Plan { DEVICE, TINY }

    /** The RNN shapes of the issue. */
    public static final List<RnnShape> DEVICE_SHAPES = List.of(new RnnShape(100, 64, 512, 512), new RnnShape(200, 128, 1024, 1024));
    static final List<RnnShape> TINY_SHAPES = List.of(new RnnShape(5, 3, 4, 6), new RnnShape(7, 4, 5, 3));
    static final List<RnnMode> MODES = List.of(RnnMode.LSTM, RnnMode.GRU);

    /** Time-ratio targets: an RNN case at most 1.05× PyTorch's time, the char-LM step at most 1.0×. */
    static final String RNN_TARGET = "1.05";
    static final String CHARLM_TARGET = "1.00";

    private GpuCases() {
    }

    public static List<GpuCase> plan(Plan plan, int warmup, int reps, long seed) {
        if (warmup < 0) throw new IllegalArgumentException("warmup must be >= 0, got " + warmup);
        if (reps < 1) throw new IllegalArgumentException("reps must be >= 1, got " + reps);
        boolean device = plan == Plan.DEVICE;
        List<RnnShape> shapes = device ? DEVICE_SHAPES : TINY_SHAPES;
        var cases = new ArrayList<GpuCase>();
        var common = Map.of("seed", Long.toString(seed), "warmup", Integer.toString(warmup), "reps", Integer.toString(reps));
        for (RnnShape shape : shapes) {
            for (RnnMode mode : MODES) {
                for (String pass : List.of("fwd", "fwdbwd")) cases.add(rnn(cases.size() + 1, mode, pass, shape, false, common));
            }
        }
        for (String pass : List.of("fwd", "fwdbwd")) cases.add(rnn(cases.size() + 1, RnnMode.LSTM, pass, shapes.getFirst(), true, common));
        int n = device ? 8192 : 16;
        for (String precision : device ? List.of("FP32", "TF32", "BF16") : List.of("FP32")) {
            cases.add(sgemm(cases.size() + 1, precision, n, Math.min(n, 256), common));
        }
        cases.add(device ? charLm(cases.size() + 1, 100, 64, 64, 256, 60, common) : charLm(cases.size() + 1, 5, 3, 4, 6, 7, common));
        return List.copyOf(cases);
    }

    private static GpuCase rnn(int id, RnnMode mode, String pass, RnnShape shape, boolean ragged, Map<String, String> common) {
        var p = new LinkedHashMap<String, String>();
        p.put("kind", "rnn");
        p.put("mode", mode.name());
        p.put("pass", pass);
        p.put("T", Integer.toString(shape.seqLength()));
        p.put("B", Integer.toString(shape.batch()));
        p.put("I", Integer.toString(shape.inputSize()));
        p.put("H", Integer.toString(shape.hiddenSize()));
        p.put("lengths", ragged ? "ragged" : "full");
        p.put("wscale", floatBits(inverseSqrt(shape.hiddenSize())));
        p.putAll(common);
        p.put("target", RNN_TARGET);
        p.put("tol", "1e-4");
        String name = mode.name().toLowerCase(Locale.ROOT) + (ragged ? "-ragged-" : "-") + pass;
        return new GpuCase(id, name, p);
    }

    private static GpuCase sgemm(int id, String precision, int n, int checkRows, Map<String, String> common) {
        var p = new LinkedHashMap<String, String>();
        p.put("kind", "sgemm");
        p.put("precision", precision);
        p.put("M", Integer.toString(n));
        p.put("N", Integer.toString(n));
        p.put("K", Integer.toString(n));
        p.put("check_rows", Integer.toString(checkRows));
        p.putAll(common);
        p.put("target", "none");
        // FP32 sums K products in another order on each side; TF32 keeps 10 mantissa bits of A and B, BF16 7
        p.put("tol", switch (precision) {
            case "FP32" -> "1e-5";
            case "TF32" -> "1e-2";
            default -> "5e-2";
        });
        return new GpuCase(id, "sgemm-" + precision.toLowerCase(Locale.ROOT), p);
    }

    private static GpuCase charLm(int id, int t, int b, int e, int h, int v, Map<String, String> common) {
        var p = new LinkedHashMap<String, String>();
        p.put("kind", "charlm");
        p.put("T", Integer.toString(t));
        p.put("B", Integer.toString(b));
        p.put("E", Integer.toString(e));
        p.put("H", Integer.toString(h));
        p.put("V", Integer.toString(v));
        p.put("lr", "0.001");
        p.put("wscale", floatBits(inverseSqrt(h)));
        p.put("checked_steps", "3");
        p.putAll(common);
        p.put("target", CHARLM_TARGET);
        p.put("tol", "1e-4");
        return new GpuCase(id, "charlm-train", p);
    }

    static float inverseSqrt(int n) {
        return (float) (1 / Math.sqrt(n));
    }

    static String floatBits(float f) {
        return String.format(Locale.ROOT, "%08x", Float.floatToRawIntBits(f));
    }

    /** Writes the cases file (what the PyTorch side runs). */
    public static void write(List<GpuCase> cases, Path file) throws IOException {
        var lines = new ArrayList<String>();
        lines.add("# rnn4j GPU benchmark cases (GpuCases): one case per line, read by gpu_pytorch_side.py");
        cases.forEach(c -> lines.add(c.line()));
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Files.write(file, lines);
    }

    /** Reads a cases file; ids must be unique. */
    public static List<GpuCase> read(Path file) throws IOException {
        var cases = new ArrayList<GpuCase>();
        var ids = new java.util.HashSet<Integer>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank() || line.startsWith("#")) continue;
            GpuCase c;
            try {
                c = GpuCase.parse(line);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
            }
            if (!ids.add(c.id())) throw new IllegalArgumentException(file + ": case id " + c.id() + " appears twice");
            cases.add(c);
        }
        return List.copyOf(cases);
    }
}

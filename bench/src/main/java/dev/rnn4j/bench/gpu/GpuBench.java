package dev.rnn4j.bench.gpu;

import dev.rnn4j.backend.Backends;
import dev.rnn4j.bindings.cublas.cublas_h;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jdk.incubator.vector.FloatVector;

/**
 * The Java entry point of {@code bench/gpu} (see docs/GPU.md, "How to verify on a GPU"). Subcommands:
 * <pre>
 *   info       what {@code rnn4j info} prints: the JVM, the CPU's vector width and the backends' report
 *              (exit 3 when the CUDA backend is unavailable, with the reason)
 *   selftest   the generator's values, which bench/gpu compares with the PyTorch side's
 *   measure    writes the cases file, then runs the rnn4j side of each case (exit 3 without a GPU)
 *   compare    joins both sides: output checks, ratios, targets (bench-results.txt)
 *   summary    writes summary.md from everything the run left
 * </pre>
 * Exit codes: 0 done, 1 some case failed, 2 bad usage, 3 no GPU.
 */
public final class GpuBench {

    static final int NO_GPU = 3;

    private GpuBench() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.println("usage: GpuBench info | selftest | measure ... | compare ... | summary ...   (run through bench/gpu)");
            return;
        }
        int code;
        try {
            code = switch (args[0]) {
                case "info" -> info(System.out);
                case "selftest" -> {
                    selftestLines().forEach(System.out::println);
                    yield 0;
                }
                case "measure" -> measure(new OptionMap("measure", args, 1,
                        Set.of("plan", "cases", "data", "results", "backend", "warmup", "reps", "seed")));
                case "compare" -> compare(new OptionMap("compare", args, 1, Set.of("cases", "data", "rnn4j", "pytorch", "results")));
                case "summary" -> summary(new OptionMap("summary", args, 1, Set.of("steps", "junit", "logs", "bench", "built", "output", "heading")));
                default -> throw new IllegalArgumentException("unknown subcommand '" + args[0] + "'");
            };
        } catch (IllegalArgumentException e) {
            System.err.println("GpuBench: " + e.getMessage());
            code = 2;
        } catch (IOException e) {
            System.err.println("GpuBench: " + e.getMessage());
            code = 1;
        }
        System.exit(code);
    }

    /** {@code rnn4j info}'s text; 0 when the CUDA backend can run on device 0, else {@link #NO_GPU}. */
    static int info(PrintStream out) {
        out.printf("java: %s (%s)%n", Runtime.version(), System.getProperty("java.vendor"));
        out.printf("cpu: %d cores available, vector species %s (%d float lanes)%n",
                Runtime.getRuntime().availableProcessors(), FloatVector.SPECIES_PREFERRED, FloatVector.SPECIES_PREFERRED.length());
        out.println(Backends.report());
        if (cudaUnavailable().isPresent()) return NO_GPU;
        out.println("cuBLAS: " + cublasVersion());
        return 0;
    }

    /**
     * The loaded cuBLAS's own version (cublasGetVersion on a handle of its own, through the generated bindings;
     * major·10000 + minor·100 + patch), or why it is unavailable. Only called once the libraries are loaded.
     */
    static String cublasVersion() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment handle = a.allocate(ValueLayout.ADDRESS);
            int status = cublas_h.cublasCreate_v2(handle);
            if (status != 0) return "unavailable (cublasCreate_v2 returned " + status + ")";
            MemorySegment version = a.allocate(ValueLayout.JAVA_INT);
            MemorySegment h = handle.get(ValueLayout.ADDRESS, 0);
            status = cublas_h.cublasGetVersion_v2(h, version);
            cublas_h.cublasDestroy_v2(h);
            if (status != 0) return "unavailable (cublasGetVersion_v2 returned " + status + ")";
            int v = version.get(ValueLayout.JAVA_INT, 0);
            return (v / 10000) + "." + (v % 10000) / 100 + "." + (v % 100) + " (cublasGetVersion " + v + ")";
        } catch (RuntimeException | LinkageError e) {
            return "unavailable (" + e + ")";
        }
    }

    private static Optional<String> cudaUnavailable() {
        return Backends.provider("cuda").unavailableReason(0);
    }

    static List<String> selftestLines() {
        var lines = new ArrayList<String>();
        long[][] pairs = {{42, 1}, {42, 10}, {7, 33}, {(1L << 40) + 5, 2147483647}};
        for (long[] p : pairs) {
            int key = CounterUniform.key(p[0], (int) p[1]);
            lines.add(String.format(Locale.ROOT, "key seed=%d stream=%d -> %08x", p[0], p[1], key));
            for (int i : new int[] {0, 1, 2, 1000, Integer.MAX_VALUE}) {
                lines.add(String.format(Locale.ROOT, "bits seed=%d stream=%d i=%d -> %08x", p[0], p[1], i, CounterUniform.bits(key, i)));
            }
        }
        int key = CounterUniform.key(42, 10);
        for (float scale : new float[] {1f, GpuCases.inverseSqrt(512), GpuCases.inverseSqrt(1024), GpuCases.inverseSqrt(256)}) {
            for (int i : new int[] {0, 3, 99, 123456}) {
                lines.add(String.format(Locale.ROOT, "uniform seed=42 stream=10 i=%d scale=%s -> %s", i, GpuCases.floatBits(scale),
                        GpuCases.floatBits(CounterUniform.uniform(key, i, scale))));
            }
        }
        int textKey = CounterUniform.key(42, 33);
        for (int bound : new int[] {60, 7}) {
            for (int i : new int[] {0, 5, 77}) {
                lines.add(String.format(Locale.ROOT, "index seed=42 stream=33 i=%d bound=%d -> %d", i, bound, CounterUniform.index(textKey, i, bound)));
            }
        }
        return lines;
    }

    static int measure(OptionMap o) throws IOException {
        var plan = switch (o.string("plan", "device")) {
            case "device" -> GpuCases.Plan.DEVICE;
            case "tiny" -> GpuCases.Plan.TINY;
            default -> throw new IllegalArgumentException("measure: --plan must be device or tiny, got " + o.string("plan", ""));
        };
        boolean device = plan == GpuCases.Plan.DEVICE;
        var cases = GpuCases.plan(plan, o.integer("warmup", device ? 5 : 1, 0), o.integer("reps", device ? 30 : 3, 1), o.integer("seed", 42, 0));
        GpuCases.write(cases, o.path("cases"));
        System.out.println("# cases: " + cases.size() + " written to " + o.path("cases"));
        String backend = o.string("backend", "cuda");
        if (backend.equals("cuda")) {
            var reason = cudaUnavailable();
            if (reason.isPresent()) {
                System.err.println("GpuBench measure: no GPU: " + reason.get());
                return NO_GPU;
            }
        }
        Path data = o.path("data");
        Files.createDirectories(data);
        var results = new ArrayList<String>();
        int failures = 0;
        try (var side = new Rnn4jGpuSide(backend, data)) {
            results.add(side.header());
            System.out.println(side.header());
            for (GpuCase c : cases) {
                String line;
                try {
                    line = side.run(c);
                } catch (RuntimeException | IOException | LinkageError | OutOfMemoryError e) {
                    e.printStackTrace(); // into the step's log: the one device run has to be debuggable from it
                    failures++;
                    line = "id=" + c.id() + " case=" + c.name() + " error=" + (e.getClass().getSimpleName() + ": " + e.getMessage()).replace('\n', ' ');
                }
                System.out.println(line);
                results.add(line);
                Files.write(o.path("results"), results);
            }
        }
        return failures == 0 ? 0 : 1;
    }

    static int compare(OptionMap o) throws IOException {
        var cases = GpuCases.read(o.path("cases"));
        Path ours = o.path("rnn4j"), theirs = o.path("pytorch");
        var lines = new ArrayList<String>();
        lines.add("# rnn4j's CUDA backend against PyTorch on the same GPU, identical inputs and weights (GpuBench compare)");
        lines.add("# ratio = rnn4j_ms / pytorch_ms (below 1.0: rnn4j faster); target = the ratio to meet; check = outputs agree within the case's tol");
        lines.addAll(GpuComparison.headers(ours));
        lines.addAll(GpuComparison.headers(theirs));
        Map<Integer, SideResult> a = SideResult.read(ours), b = SideResult.read(theirs);
        lines.addAll(new GpuComparison(o.path("data"), cases, a, b).lines());
        Files.write(o.path("results"), lines);
        lines.forEach(System.out::println);
        return 0;
    }

    static int summary(OptionMap o) throws IOException {
        var in = new GpuSummary.Inputs(o.path("steps"), o.path("junit"), o.path("logs"), o.path("bench"), Path.of(o.string("built", "")),
                o.string("heading", "rnn4j on a GPU: bench/gpu report"));
        Files.writeString(o.path("output"), GpuSummary.markdown(in));
        return 0;
    }
}

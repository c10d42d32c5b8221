package dev.rnn4j.bench.peers;

import dev.rnn4j.backend.Backends;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import dev.rnn4j.backend.Backend;
import dev.rnn4j.rnn.RnnMode;
import dev.rnn4j.testing.PyTorchDefects;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * rnn4j against PyTorch (DJL's PyTorch engine, CPU) in one JVM, on identical shapes and weights: LSTM, GRU
 * and tanh-RNN forward and forward+backward at the target shapes, SGEMM 1024³, the char-LM training step,
 * the shapes users run ({@link UserShapeCases}: a ragged stacked bidirectional batch, one-token generation,
 * a long sequence) and the model-layer cases ({@link ModelPeers}: the char-LM and a classifier through
 * {@code Model.fit}). Prints
 * one {@code # check} line per case (both sides against a double-precision reference, then against each
 * other) and one {@code case=…} line per case (also written to the results file), and draws the ratio chart.
 * PyTorch runs as users get it: oneDNN's ISA is not pinned here (the test JVMs pin it), and the header says
 * which ISA oneDNN may use.
 * Entry point of {@code bench/peers}.
 */
public final class PeerRunner {

    static final int SGEMM_SIZE = 1024;
    static final List<RnnMode> RNN_MODES = List.of(RnnMode.LSTM, RnnMode.GRU, RnnMode.RNN_TANH);

    private PeerRunner() {
    }

    public static void main(String[] args) throws IOException {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.print(PeerOptions.USAGE);
            return;
        }
        PeerOptions options;
        try {
            options = PeerOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench/peers: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (options.chartOnly() != null) {
            List<PeerResult> results = readResults(options.chartOnly());
            RatioChart.write(results, "(" + options.chartOnly().getFileName() + ")", options.chart());
            System.out.println("# chart: " + options.chart());
            return;
        }
        run(options, System.out);
    }

    static void run(PeerOptions options, PrintStream out) throws IOException {
        int cores = Runtime.getRuntime().availableProcessors();
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(cores));
        CpuPeak detected = CpuPeak.detect(options.fmaUnits());
        CpuPeak peak = options.clockGhz() > 0 ? detected.atClock(options.clockGhz(), "given with --clock-ghz") : detected;
        var lines = new ArrayList<String>();
        Consumer<String> log = line -> {
            out.println(line);
            lines.add(line);
        };
        var results = new ArrayList<PeerResult>();
        Consumer<PeerResult> record = r -> {
            results.add(r);
            log.accept(r.line());
        };
        try (NDManager torch = NDManager.newBaseManager("PyTorch"); Backend backend = Backends.cpu()) {
            JniUtils.setNumThreads(cores);
            log.accept("# rnn4j vs PyTorch peer comparison, " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            log.accept("# machine: " + peak.model() + ", " + cores + " cores; java " + Runtime.version() + "; " + LoadAverage.read());
            log.accept("# pytorch " + Engine.getEngine("PyTorch").getVersion() + " via DJL " + Engine.getDjlVersion()
                    + ", intra-op threads=" + JniUtils.getNumThreads() + "; rnn4j backend " + backend.name()
                    + ", available processors=" + cores);
            log.accept("# timing: median of " + options.repetitions() + " timed repetitions after at least " + options.warmup()
                    + " warm-up runs and " + options.warmupSeconds() + " s of warm-up, per side and case" + (options.quick() ? " (--quick: first shape only)" : ""));
            log.accept("# ratio = rnn4j_ms / pytorch_ms (below 1.0: rnn4j faster);"
                    + " charlm-train: tokens_per_s_ratio = rnn4j_tokens_per_s / pytorch_tokens_per_s");
            log.accept("# " + peak.describe());
            log.accept("# pytorch's oneDNN: " + PyTorchDefects.isaInEffect() + "; PyTorch is timed as users get it");
            log.accept("# check: each side against a double-precision reference first (rel. error max|a-e|/max|e| <= "
                    + ReferenceCheck.BOUND + " is ok, else WRONG naming the side; timings are shown either way): RNN y = first and"
                    + " last sequence of the timed problem, small_y/small_dW = a whole " + RnnCheck.SMALL.dims() + " problem of the"
                    + " same cell; charlm small_losses = " + CharLmCheck.STEPS + " Adam steps of " + CharLmCheck.small(0).dims()
                    + "; sgemm " + SgemmCase.SAMPLED_ENTRIES + " sampled entries of C; then rnn4j vs pytorch on the timed problem");

            List<RnnShape> shapes = options.quick() ? RnnShape.TARGETS.subList(0, 1) : RnnShape.TARGETS;
            for (RnnShape shape : shapes) {
                for (RnnMode mode : RNN_MODES) {
                    RnnCase.run(backend, torch, mode, shape, options.timing(), options.seed(), peak, log).forEach(record);
                }
            }
            record.accept(SgemmCase.run(torch, SGEMM_SIZE, peak, options.timing(), options.seed(), log));
            record.accept(CharLmCase.run(backend, torch, options.timing(), options.seed(), log));
            UserShapeCases.run(backend, torch, options.timing(), options.seed(), log).forEach(record);
            ModelPeers.run(backend, torch, options.timing(), options.seed(), log, record);
        }
        Path parent = options.results().toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Files.write(options.results(), lines);
        RatioChart.write(results, options.quick() ? "(quick)" : "", options.chart());
        out.println("# results: " + options.results() + "  chart: " + options.chart());
    }

    static List<PeerResult> readResults(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(l -> l.startsWith("case=")).map(PeerResult::parse).toList();
    }
}

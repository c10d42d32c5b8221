package dev.rnn4j.bench.peers;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import dev.rnn4j.backend.Backend;
import dev.rnn4j.backend.Backends;
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
 * The model-layer cases of {@code bench/peers} on their own ({@code bench/peers --model}): what users run, a
 * {@link dev.rnn4j.model.Model#fit} step, against PyTorch eager and beside the hand-driven SPI step.
 * {@link PeerRunner} runs the same cases after the kernel cases; this entry point exists so that the model layer
 * can be measured without the half hour the kernel cases take on a small machine.
 */
public final class ModelPeers {

    private ModelPeers() {
    }

    public static void main(String[] args) throws IOException {
        PeerOptions options;
        try {
            options = PeerOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench/peers --model: " + e.getMessage());
            System.exit(2);
            return;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(cores));
        var lines = new ArrayList<String>();
        Consumer<String> log = line -> {
            System.out.println(line);
            lines.add(line);
        };
        try (NDManager torch = NDManager.newBaseManager("PyTorch"); Backend backend = Backends.cpu()) {
            JniUtils.setNumThreads(cores);
            log.accept("# rnn4j model layer vs PyTorch eager, " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            log.accept("# machine: " + CpuPeak.detect(options.fmaUnits()).model() + ", " + cores + " cores; java " + Runtime.version()
                    + "; load average before the run: " + loadAverage());
            log.accept("# pytorch " + Engine.getEngine("PyTorch").getVersion() + " via DJL " + Engine.getDjlVersion() + ", intra-op threads="
                    + JniUtils.getNumThreads() + "; rnn4j backend " + backend.name());
            run(backend, torch, options.timing(), options.seed(), log, r -> log.accept(r.line()));
        }
        Path parent = options.results().toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Files.write(options.results(), lines);
        System.out.println("# results: " + options.results());
    }

    /** The model-layer cases: charlm-fit and classifier-fit ({@code timing} as for every case). */
    static void run(Backend backend, NDManager torch, Timing timing, long seed, Consumer<String> log, Consumer<PeerResult> record) {
        log.accept("# model layer: rnn4j_ms = one Model.fit step, spi_ms = the same step on the backend SPI by hand (charlm-fit: the two timed in turns,"
                + " " + timing.repetitions() + " rounds after at least " + timing.warmup() + " warm-up runs and " + timing.warmupSeconds() + " s each); pytorch_ms as in"
                + " every case (median of " + timing.repetitions() + " after the same warm-up)");
        record.accept(ModelCharLmCase.run(backend, torch, timing, seed, log));
        record.accept(ModelClassifierCase.run(backend, torch, timing, seed, log));
    }

    /** The first three fields of /proc/loadavg, or "unknown". */
    static String loadAverage() {
        try {
            List<String> fields = List.of(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+"));
            return String.join(" ", fields.subList(0, Math.min(3, fields.size())));
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}

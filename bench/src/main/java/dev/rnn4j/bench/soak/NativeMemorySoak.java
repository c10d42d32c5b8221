package dev.rnn4j.bench.soak;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.backend.Backends;
import dev.rnn4j.bench.peers.CpuPeak;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench/soak}: many small training steps on the CPU backend through the model layer, with RSS,
 * Native Memory Tracking and the heap sampled every {@code --sample-every} steps, a table of the samples
 * and a verdict on whether memory stayed flat after warm-up. Exit status 0 when flat, 1 when memory grew
 * (or no verdict), 2 for bad options, 3 when the run failed.
 */
@Command(name = "bench/soak", mixinStandardHelpOptions = true,
        description = "Native-memory soak: Embedding → LSTM → Dense → softmax cross-entropy → Adam on the CPU backend; "
                + "RSS, NMT (run with -XX:NativeMemoryTracking=summary, as bench/soak does) and heap every --sample-every steps.")
public final class NativeMemorySoak implements Callable<Integer> {

    @Option(names = "--steps", description = "Training steps (default ${DEFAULT-VALUE}).")
    long steps = 100_000;

    @Option(names = "--sample-every", description = "Steps between memory samples (default ${DEFAULT-VALUE}).")
    long sampleEvery = 10_000;

    @Option(names = "--warmup", description = "The verdict compares the last sample with the first one at or after this step "
            + "(default: --sample-every).")
    Long warmup;

    @Option(names = "--threshold-mb", description = "Largest growth, in MB, of RSS, NMT committed (less its Arena Chunk pool), NMT Other and heap used "
            + "that still counts as flat (default ${DEFAULT-VALUE}).")
    double thresholdMb = 8;

    @Option(names = "--vocab", description = "Vocabulary size (default ${DEFAULT-VALUE}).")
    int vocab = 30;

    @Option(names = "--embedding", description = "Embedding width (default ${DEFAULT-VALUE}).")
    int embedding = 16;

    @Option(names = "--units", description = "LSTM units (default ${DEFAULT-VALUE}).")
    int units = 32;

    @Option(names = "--seq-length", description = "Time steps per sequence (default ${DEFAULT-VALUE}).")
    int seqLength = 20;

    @Option(names = "--batch", description = "Sequences per batch (default ${DEFAULT-VALUE}).")
    int batch = 8;

    @Option(names = "--learning-rate", description = "Adam's learning rate (default ${DEFAULT-VALUE}).")
    float learningRate = 0.01f;

    @Option(names = "--seed", description = "Seed of the weights and the batches (default ${DEFAULT-VALUE}).")
    long seed = 42;

    @Spec
    CommandSpec spec;

    private PrintWriter out;

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        CommandLine cl = new CommandLine(new NativeMemorySoak());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            boolean badOption = e instanceof IllegalArgumentException;
            err.println("bench/soak: error: " + (badOption ? "" : e.getClass().getName() + ": ") + e.getMessage());
            return badOption ? 2 : 3;
        });
        System.exit(cl.execute(args));
    }

    @Override
    public Integer call() {
        out = spec.commandLine().getOut();
        SoakShape shape = new SoakShape(vocab, embedding, units, seqLength, batch);
        Soak.requireCounts(steps, sampleEvery);
        long warmupSteps = warmup != null ? warmup : sampleEvery;
        if (warmupSteps < 1) throw new IllegalArgumentException("--warmup must be >= 1, got " + warmupSteps);
        if (!(thresholdMb >= 0)) throw new IllegalArgumentException("--threshold-mb must be >= 0, got " + thresholdMb);
        if (!(learningRate > 0)) throw new IllegalArgumentException("--learning-rate must be > 0, got " + learningRate);
        MemoryProbe probe = new MemoryProbe();
        List<SoakSample> samples;
        try (Backend backend = Backends.cpu(); SoakTraining training = new SoakTraining(backend, shape, learningRate, seed)) {
            printHeader(backend, shape, training.parameterCount(), warmupSteps);
            out.println(SoakTable.HEADER);
            samples = Soak.run(training, probe, steps, sampleEvery, s -> out.println(SoakTable.row(s)));
        }
        SoakVerdict verdict = SoakVerdict.of(samples, warmupSteps, thresholdMb);
        out.println(verdict.line());
        return verdict.flat() ? 0 : 1;
    }

    private void printHeader(Backend backend, SoakShape shape, long parameters, long warmupSteps) {
        int cores = Runtime.getRuntime().availableProcessors();
        out.println("# rnn4j native-memory soak, " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        out.println("# machine: " + CpuPeak.detect(0).model() + ", " + cores + " cores; java " + Runtime.version()
                + "; JVM flags: " + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        out.println("# model: " + shape + " (" + parameters + " parameters); sparse softmax cross-entropy on logits, Adam lr "
                + learningRate + "; backend " + backend.name() + "; " + steps + " steps, seed " + seed);
        out.println("# samples: step 0 (built, before training), then every " + sampleEvery + " steps, each after System.gc();"
                + " RSS = VmRSS of /proc/self/status; NMT = VM.native_memory summary (n/a: NMT off);"
                + " NMT Other allocations = live Unsafe.allocateMemory blocks, i.e. off-heap segments (rnn4j's tensors);"
                + " baseline for the verdict: the first sample at or after step " + warmupSteps);
    }
}

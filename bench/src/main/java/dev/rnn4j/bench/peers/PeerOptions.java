package dev.rnn4j.bench.peers;

import java.nio.file.Path;

/**
 * Options of {@code bench/peers}.
 *
 * @param quick     only the first RNN shape (plus the SGEMM and char-LM cases), with few repetitions
 * @param chartOnly when set, no measurement: the chart is drawn from this results file
 */
public record PeerOptions(boolean quick, int warmup, double warmupSeconds, int repetitions, Path results, Path chart, int fmaUnits, double clockGhz,
                          long seed, Path chartOnly) {

    public static final String USAGE = """
            usage: bench/peers [--quick] [--warmup N] [--warmup-seconds X] [--reps N] [--results FILE] [--chart FILE.png]
                               [--fma-units N] [--clock-ghz X] [--seed N] [--chart-only RESULTS_FILE]
              --quick        first RNN shape only, plus SGEMM 1024 and the char-LM step; 2 warm-up runs, 5 timed
              --warmup N     untimed runs before timing, at least (default 3; quick 2)
              --warmup-seconds X  and untimed runs until X seconds have passed, per side and case
                             (default 2; quick 0.5): the JIT compiles rnn4j's loops while they run
              --reps N       timed repetitions, the median is reported (default 15; quick 5)
              --results FILE where the result lines go (default bench/target/peers-results.txt)
              --chart FILE   PNG bar chart of the ratios (default docs/benchmark-ratios.png)
              --fma-units N  512-bit FMA units per core for the peak (default: by CPU family, printed)
              --clock-ghz X  clock for the peak (default: /proc/cpuinfo's "cpu MHz", often the nominal clock)
              --chart-only F redraw the chart from a results file without measuring
            """;

    public static PeerOptions parse(String... args) {
        boolean quick = false;
        Integer warmup = null;
        Integer reps = null;
        Double warmupSeconds = null;
        Path results = Path.of("bench/target/peers-results.txt");
        Path chart = Path.of("docs/benchmark-ratios.png");
        int fmaUnits = 0;
        double clockGhz = 0;
        long seed = 42;
        Path chartOnly = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--quick" -> quick = true;
                case "--warmup" -> warmup = nonNegative(a, value(args, ++i, a));
                case "--reps" -> reps = positive(a, value(args, ++i, a));
                case "--warmup-seconds" -> warmupSeconds = nonNegativeDouble(a, value(args, ++i, a));
                case "--results" -> results = Path.of(value(args, ++i, a));
                case "--chart" -> chart = Path.of(value(args, ++i, a));
                case "--fma-units" -> fmaUnits = positive(a, value(args, ++i, a));
                case "--clock-ghz" -> clockGhz = positiveDouble(a, value(args, ++i, a));
                case "--seed" -> seed = Long.parseLong(value(args, ++i, a));
                case "--chart-only" -> chartOnly = Path.of(value(args, ++i, a));
                default -> throw new IllegalArgumentException("unknown option '" + a + "'\n" + USAGE);
            }
        }
        return new PeerOptions(quick, warmup != null ? warmup : quick ? 2 : 3,
                warmupSeconds != null ? warmupSeconds : quick ? 0.5 : 2, reps != null ? reps : quick ? 5 : 15,
                results, chart, fmaUnits, clockGhz, seed, chartOnly);
    }

    public Timing timing() {
        return new Timing(warmup, warmupSeconds, repetitions);
    }

    private static double positiveDouble(String option, String text) {
        double v = finite(option, text);
        if (!(v > 0)) throw new IllegalArgumentException(option + " must be > 0, got " + text);
        return v;
    }

    private static double nonNegativeDouble(String option, String text) {
        double v = finite(option, text);
        if (!(v >= 0)) throw new IllegalArgumentException(option + " must be >= 0, got " + text);
        return v;
    }

    private static double finite(String option, String text) {
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, got '" + text + "'");
        }
        if (!Double.isFinite(v)) throw new IllegalArgumentException(option + " must be a finite number, got " + text);
        return v;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        return args[i];
    }

    private static int positive(String option, String text) {
        int v = integer(option, text);
        if (v < 1) throw new IllegalArgumentException(option + " must be >= 1, got " + v);
        return v;
    }

    private static int nonNegative(String option, String text) {
        int v = integer(option, text);
        if (v < 0) throw new IllegalArgumentException(option + " must be >= 0, got " + v);
        return v;
    }

    private static int integer(String option, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs an integer, got '" + text + "'", e);
        }
    }
}

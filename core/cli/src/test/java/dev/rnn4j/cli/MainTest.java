package dev.rnn4j.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class MainTest {

    /** Exit code, stdout and stderr of one command line. */
    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void noCommandPrintsUsageAndFails() {
        Result r = run();
        assertEquals(2, r.code());
        assertTrue(r.err().contains("missing a command"), r.err());
        assertTrue(r.err().contains("info"), r.err());
    }

    @Test
    void unknownCommandAndOptionGiveExitCode2WithAMessage() {
        Result r = run("frobnicate");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Unmatched argument") || r.err().contains("Unknown"), r.err());
        Result o = run("info", "--bogus");
        assertEquals(2, o.code());
        assertTrue(o.err().contains("--bogus"), o.err());
    }

    @Test
    void infoPrintsJvmAndVectorWidth() {
        Result r = run("info");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("java: 25"), r.out());
        assertTrue(r.out().contains("float lanes"), r.out());
        assertTrue(r.out().contains("backend") || r.out().contains("cuda"), r.out());
    }

    @Test
    void anUnexpectedExceptionIsOneLineNamingItAsABug() {
        String line = Main.failureMessage(new ArithmeticException("long overflow"));
        assertTrue(line.contains("internal error") && line.contains("ArithmeticException: long overflow") && line.contains("RNN4J_DEBUG"), line);
        assertFalse(line.contains("\n"), line);
        assertEquals("error: no such file: x.txt", Main.failureMessage(new java.nio.file.NoSuchFileException("x.txt")));
    }

    @Test
    void helpAndVersion() {
        assertEquals(0, run("--help").code());
        Result v = run("--version");
        assertEquals(0, v.code());
        assertTrue(v.out().contains("rnn4j"), v.out());
    }

    @Test
    void everyCommandHasHelpThatNeedsNoOtherOption() {
        for (String command : new String[] {"demo", "train", "sample", "classify", "info"}) {
            for (String flag : new String[] {"--help", "-h"}) {
                Result r = run(command, flag);
                assertEquals(0, r.code(), command + " " + flag + ": " + r.err());
                assertTrue(r.out().contains("Usage: rnn4j " + command), r.out());
                assertTrue(r.out().contains("-h, --help"), r.out());
                assertEquals("", r.err(), "nothing on stderr (no 'Missing required option')");
            }
        }
        assertEquals(0, run("help", "train").code());
    }

    @Test
    void aBadValueIsExit2WithThatOptionsUsageLineOnly() {
        Result r = run("train", "--text", "t.txt", "--save", "m.safetensors", "--units", "0");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("rnn4j train: Invalid value for option '--units': must be >= 1, got 0"), r.err());
        assertTrue(r.err().contains("--units=<units>") && r.err().contains("Units of each recurrent layer"), "the option's usage line: " + r.err());
        assertTrue(r.err().contains("Try 'rnn4j train --help'"), r.err());
        assertFalse(r.err().contains("--embedding-dim"), "not the whole usage: " + r.err());
        Result missing = run("train", "--text", "t.txt");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("Missing required option: '--save=FILE'") && missing.err().contains("Checkpoint to write"), missing.err());
    }

    /** Every option of every command with a value out of its range, or a word it does not take: exit 2 naming the option. */
    @Test
    void everyNumericAndChoiceOptionIsCheckedWhileParsing() {
        String[][] cases = {
                {"demo", "--seconds", "-1"}, {"demo", "--epochs", "0"}, {"demo", "--batch-size", "0"}, {"demo", "--learning-rate", "0"},
                {"demo", "--clipnorm", "-1"}, {"demo", "--validation-split", "1"}, {"demo", "--steps", "-1"}, {"demo", "--units", "0"},
                {"demo", "--embedding-dim", "0"}, {"demo", "--layers", "0"}, {"demo", "--dropout", "1"}, {"demo", "--recurrent-dropout", "-0.1"}, {"demo", "--seq-length", "0"},
                {"demo", "--lines", "0"}, {"demo", "--held-out", "-1"}, {"demo", "--temperature", "-1"}, {"demo", "--sample-chars", "0"},
                {"demo", "--seconds", "abc"}, {"demo", "--learning-rate", "NaN"}, {"demo", "--clipnorm", "Infinity"},
                {"train", "--num-words", "-1"}, {"train", "--maxlen", "-1"}, {"train", "--negation", "1"}, {"train", "--max-per-class", "-1"},
                {"train", "--learning-rate", "-0.1"}, {"train", "--seq-length", "x"},
                {"sample", "--length", "0"}, {"sample", "--temperature", "-0.5"}, {"sample", "--top-k", "-3"}, {"sample", "--top-p", "0"},
                {"sample", "--top-p", "1.5"}, {"classify", "--batch-size", "0"},
                {"demo", "--cell", "transformer"}, {"demo", "--backend", "tpu"}, {"demo", "--optimizer", "adagrad"}, {"train", "--level", "byte"},
                {"train", "--truncating", "middle"}, {"train", "--bidirectional", "diagonal"}, {"classify", "--split", "dev"},
                {"train", "--delimiter", ";;"}};
        for (String[] c : cases) {
            Result r = run(c);
            assertEquals(2, r.code(), String.join(" ", c) + ": " + r.err());
            assertTrue(r.err().contains("'" + c[1] + "'") && (r.err().contains(c[1] + "=") || r.err().contains(c[1] + "[=")), String.join(" ", c) + ": " + r.err());
        }
    }

    /** A guard for options added later: each numeric option but --seed has a range converter. */
    @Test
    void noNumericOptionIsLeftUnchecked() {
        var root = new picocli.CommandLine(new Main());
        for (var sub : root.getSubcommands().values()) {
            for (var option : sub.getCommandSpec().options()) {
                Class<?> t = option.type();
                boolean numeric = t.isPrimitive() && t != boolean.class || Number.class.isAssignableFrom(t);
                if (!numeric || option.longestName().equals("--seed")) continue;
                assertTrue(option.converters() != null && option.converters().length > 0,
                        sub.getCommandName() + " " + option.longestName() + " has no range check");
            }
        }
    }

    @Test
    void theCudaReasonIsOneShortLine() {
        String reason = "CUDA backend unavailable: libcuda.so.1 (the NVIDIA driver) not found; libcublas.so.13 or libcublas.so.12 (cuBLAS) not found;"
                + " libcudnn.so.9 (cuDNN 9) not found (searched 6 directories; set -Drnn4j.cuda.libdir or RNN4J_CUDA_LIBDIR to the directory holding them)";
        assertEquals("no libcuda.so.1", BackendSelection.shortReason(reason));
        assertEquals("cuDNN 9.1 is older than 9.3", BackendSelection.shortReason("CUDA backend unavailable: cuDNN 9.1 is older than 9.3"));
        String cut = BackendSelection.shortReason("CUDA backend unavailable: device 1 requested but the driver sees 1 device(s)");
        assertTrue(cut.startsWith("device 1 requested") && cut.endsWith("...") && cut.length() <= 34, cut);
        var choice = new dev.rnn4j.backend.BackendChoice(dev.rnn4j.backend.Backends.cpu(), "cpu: ...", java.util.Map.of("cuda", reason));
        var lines = BackendSelection.report(choice);
        assertEquals("cuda: unavailable (no libcuda.so.1); rnn4j info for details", lines.get(1));
        for (String l : lines) assertTrue(l.length() <= 80, l);
    }
}

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
    void progressMessageShowsLossStepsAndTokensPerSecond() {
        assertEquals("loss 1.2346 | 5.0 steps/s | 3.2k tok/s", TrainingProgress.message(10, 6400, 1.23456, 2.0));
        assertEquals("2.5M", TrainingProgress.compact(2_500_000));
        assertEquals("999", TrainingProgress.compact(999));
    }
}

package dev.rnn4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The training run of the {@code rnn4j} launcher's ahead-of-time cache (JDK 25: JEP 483, 514, 515), which the
 * launcher makes once per build when {@code RNN4J_AOT=1}, as {@code java -XX:AOTCacheOutput=FILE ...
 * -m dev.rnn4j.cli/dev.rnn4j.cli.AheadOfTimeTraining}: in one JVM it does what users' first commands do, on small
 * generated data: trains a char-level language model (LSTM, Adam) and samples from it, and trains a bidirectional
 * classifier on ragged batches, so that the classes they load and link, and the profiles of the methods they run
 * (the kernels' among them), are in the cache. Off by default because, measured, it did not shorten the first
 * training step: that is the JIT compiling the kernels, and JDK 25's cache holds no compiled code. Not a command;
 * its output is discarded (the launcher keeps a log). Works in a temporary folder that it deletes.
 */
final class AheadOfTimeTraining {

    private AheadOfTimeTraining() {
    }

    public static void main(String[] args) throws IOException {
        if (System.getProperty("slf4j.internal.verbosity") == null) System.setProperty("slf4j.internal.verbosity", "ERROR");
        Path dir = Files.createTempDirectory("rnn4j-aot");
        try {
            Path text = dir.resolve("text.txt");
            Files.writeString(text, generatedText(60_000));
            String lm = dir.resolve("lm.safetensors").toString();
            int failed = 0;
            failed += run("train", "--text", text.toString(), "--steps", "16", "--batch-size", "32", "--seq-length", "64", "--quiet", "--save", lm);
            failed += run("sample", "--model", lm, "--length", "64");
            failed += run("train", "--negation", "400", "--bidirectional", "--steps", "8", "--batch-size", "32", "--quiet", "--save",
                    dir.resolve("classifier.safetensors").toString());
            if (failed > 0) System.err.println("rnn4j ahead-of-time training: " + failed + " command(s) failed");
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    /** Runs one rnn4j command with its output discarded; 1 when it failed. */
    private static int run(String... args) {
        PrintWriter discard = new PrintWriter(Writer.nullWriter());
        return Main.run(args, discard, discard) == 0 ? 0 : 1;
    }

    /** Program-like lines (the characters of source code) of about {@code chars} characters, the same every time. */
    static String generatedText(int chars) {
        List<String> words = List.of("def", "return", "for", "in", "range", "if", "else", "value", "items", "count", "self", "print", "None", "True");
        StringBuilder sb = new StringBuilder(chars + 80);
        long state = 42;
        while (sb.length() < chars) {
            state = state * 6364136223846793005L + 1442695040888963407L;
            int indent = (int) ((state >>> 60) & 3);
            sb.append("    ".repeat(indent));
            for (int w = 0; w < 2 + (int) ((state >>> 40) & 3); w++) {
                state = state * 6364136223846793005L + 1442695040888963407L;
                sb.append(words.get((int) ((state >>> 33) % words.size()))).append(w == 0 ? " " : "(x), ");
            }
            sb.append(":\n");
        }
        return sb.toString();
    }
}

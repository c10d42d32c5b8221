package dev.rnn4j.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * The contract every loader fuzz target enforces: whatever the bytes of a file, a loader either returns an
 * object or throws one of its documented exceptions ({@link IOException}, {@link UncheckedIOException} or
 * {@link IllegalArgumentException}) whose message names the file and says more than its name. Anything else
 * (a NullPointerException, ClassCastException, IndexOutOfBoundsException, the NumberFormatException and
 * PatternSyntaxException subclasses of IllegalArgumentException, an OutOfMemoryError, ...) escapes to Jazzer,
 * which reports it as a finding. Hangs are caught by Jazzer's per-input timeout in fuzzing mode.
 */
public final class LoaderContract {

    /** Loads what is at a path (a file or a directory layout). */
    @FunctionalInterface
    public interface Loader {
        Object load(Path path) throws IOException;
    }

    /** Fills a fresh directory before loading (e.g. writes the fuzzed file, or a folder layout of them). */
    @FunctionalInterface
    public interface Layout {
        /** Writes into {@code dir}; returns the path handed to the loader, which errors must name. */
        Path write(Path dir) throws IOException;
    }

    private LoaderContract() {
    }

    /** Writes {@code bytes} to a file called {@code fileName} in a fresh directory and checks {@code loader} on it. */
    public static void checkFile(String fileName, byte[] bytes, Loader loader) {
        check(dir -> Files.write(dir.resolve(fileName), bytes), loader);
    }

    /** Builds {@code layout} in a fresh temporary directory, checks {@code loader} on it, deletes the directory. */
    public static void check(Layout layout, Loader loader) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("rnn4j-fuzz");
            Path input = layout.write(dir);
            Object loaded;
            try {
                loaded = loader.load(input);
            } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
                requireDocumented(input, e);
                return;
            }
            if (loaded == null) throw new AssertionError("loading " + input + " returned null");
            close(loaded);
        } catch (IOException e) {
            throw new UncheckedIOException("fuzz harness could not prepare its temporary files", e);
        } finally {
            if (dir != null) deleteRecursively(dir);
        }
    }

    private static void close(Object loaded) {
        if (!(loaded instanceof AutoCloseable c)) return;
        try {
            c.close();
        } catch (Exception e) {
            throw new AssertionError("closing what was loaded failed", e);
        }
    }

    private static void requireDocumented(Path input, Exception e) {
        if (e instanceof NumberFormatException || e instanceof PatternSyntaxException) {
            throw new AssertionError("undocumented " + e.getClass().getName() + " escaped for " + input, e);
        }
        String message = e.getMessage();
        String name = input.toString();
        if (message == null || !message.contains(name) || message.replace(name, "").strip().length() < 8) {
            throw new AssertionError(e.getClass().getName() + " does not name the file and the problem: " + message, e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("fuzz harness could not delete " + dir, e);
        }
    }
}

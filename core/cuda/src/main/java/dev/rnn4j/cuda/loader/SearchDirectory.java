package dev.rnn4j.cuda.loader;

import java.nio.file.Path;

/** A directory the library search looked in, and why (e.g. "LD_LIBRARY_PATH", "pip wheel"). */
public record SearchDirectory(Path path, String origin) {
    @Override
    public String toString() {
        return path + " (" + origin + ")";
    }
}

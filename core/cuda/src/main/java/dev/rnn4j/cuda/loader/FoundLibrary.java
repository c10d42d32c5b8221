package dev.rnn4j.cuda.loader;

import java.io.IOException;
import java.nio.file.Path;

/** A library file the search found: which library, the soname matched, where, and the file it resolves to. */
public record FoundLibrary(CudaLibrary library, String soname, Path path, SearchDirectory foundIn) {

    /** The real file behind the soname symlink (e.g. libcublas.so.12.6.4.1), which carries the full version. */
    public String resolvedFileName() {
        try {
            return path.toRealPath().getFileName().toString();
        } catch (IOException e) {
            return path.getFileName().toString();
        }
    }

    /** The soname's major version ("12" of libcublas.so.12). */
    public String major() {
        return soname.substring(soname.lastIndexOf('.') + 1);
    }
}

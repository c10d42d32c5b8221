package dev.rnn4j.cuda.loader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The one loader of the CUDA libraries. It searches ({@link LibraryDiscovery}), then loads the required
 * libraries with {@link System#load} in dependency order (driver, cuBLASLt, cuBLAS, cuDNN), so that the
 * jextract bindings, whose symbol lookup is {@code SymbolLookup.loaderLookup()}, find their symbols.
 * Nothing here runs at class-load time and nothing throws: the outcome, including the exact reason when
 * the backend is unavailable, is a {@link CudaAvailability}. The first outcome is kept for the process.
 */
public final class NativeLibraries {

    private static CudaAvailability loaded;

    private NativeLibraries() {
    }

    /** Searches and loads once per process; later calls return the same outcome. */
    public static synchronized CudaAvailability load() {
        if (loaded == null) loaded = load(LibraryDiscovery.discover(SearchEnvironment.system()), p -> System.load(p.toAbsolutePath().toString()));
        return loaded;
    }

    /** The outcome so far without loading anything (null before {@link #load()}). */
    public static synchronized CudaAvailability loadedOrNull() {
        return loaded;
    }

    /** Loads what {@code discovery} found with {@code loader} (System::load in production; a fake in tests). */
    public static CudaAvailability load(LibraryDiscovery discovery, Consumer<Path> loader) {
        Objects.requireNonNull(discovery, "discovery");
        var missing = discovery.missingReason();
        if (missing.isPresent()) return CudaAvailability.unavailable(discovery, List.of(), missing.get());
        List<FoundLibrary> done = new ArrayList<>();
        for (CudaLibrary lib : CudaLibrary.values()) {
            if (!lib.required()) continue;
            FoundLibrary f = discovery.found().get(lib);
            try {
                loader.accept(f.path());
            } catch (UnsatisfiedLinkError | SecurityException e) {
                return CudaAvailability.unavailable(discovery, done, "loading " + f.path() + " failed: " + e.getMessage());
            }
            done.add(f);
        }
        return CudaAvailability.available(discovery, done);
    }
}

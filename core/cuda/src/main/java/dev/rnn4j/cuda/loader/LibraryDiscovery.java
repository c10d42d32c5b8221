package dev.rnn4j.cuda.loader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which CUDA libraries exist in the searched directories, without loading any of them. A library is the
 * first of its sonames found, directories in search order (so an explicit directory wins over the
 * toolkit). cuBLASLt must be the same major version as cuBLAS, and is looked for next to it first.
 */
public record LibraryDiscovery(List<SearchDirectory> searched, Map<CudaLibrary, FoundLibrary> found) {

    public LibraryDiscovery {
        searched = List.copyOf(searched);
        found = found.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(found));
    }

    public static LibraryDiscovery discover(SearchEnvironment env) {
        return discover(LibrarySearchPath.directories(env));
    }

    public static LibraryDiscovery discover(List<SearchDirectory> dirs) {
        Map<CudaLibrary, FoundLibrary> found = new EnumMap<>(CudaLibrary.class);
        for (CudaLibrary lib : CudaLibrary.values()) {
            if (lib == CudaLibrary.CUBLAS_LT) continue;
            find(dirs, lib, lib.sonames()).ifPresent(f -> found.put(lib, f));
        }
        FoundLibrary cublas = found.get(CudaLibrary.CUBLAS);
        if (cublas != null) {
            String lt = "libcublasLt.so." + cublas.major();
            List<SearchDirectory> order = new ArrayList<>();
            order.add(cublas.foundIn());
            order.addAll(dirs);
            find(order, CudaLibrary.CUBLAS_LT, List.of(lt)).ifPresent(f -> found.put(CudaLibrary.CUBLAS_LT, f));
        }
        return new LibraryDiscovery(dirs, found);
    }

    private static Optional<FoundLibrary> find(List<SearchDirectory> dirs, CudaLibrary lib, List<String> sonames) {
        for (SearchDirectory dir : dirs) {
            for (String soname : sonames) {
                Path candidate = dir.path().resolve(soname);
                if (Files.isRegularFile(candidate)) return Optional.of(new FoundLibrary(lib, soname, candidate, dir));
            }
        }
        return Optional.empty();
    }

    public Optional<FoundLibrary> get(CudaLibrary lib) {
        return Optional.ofNullable(found.get(lib));
    }

    /**
     * Why the backend cannot load, listing every required library that is missing, or empty when all are
     * there. E.g. "libcuda.so.1 (the NVIDIA driver) not found; libcudnn.so.9 (cuDNN 9) not found
     * (searched 7 directories; set -Drnn4j.cuda.libdir or RNN4J_CUDA_LIBDIR)".
     */
    public Optional<String> missingReason() {
        List<String> missing = new ArrayList<>();
        for (CudaLibrary lib : CudaLibrary.values()) {
            if (!lib.required() || found.containsKey(lib)) continue;
            if (lib == CudaLibrary.CUBLAS_LT && found.containsKey(CudaLibrary.CUBLAS)) {
                FoundLibrary cublas = found.get(CudaLibrary.CUBLAS);
                missing.add("libcublasLt.so." + cublas.major() + " (" + lib.description() + ") not found next to " + cublas.path()
                        + " nor in the other searched directories");
            } else if (lib == CudaLibrary.CUBLAS_LT) {
                continue; // reported with cuBLAS itself
            } else {
                missing.add(lib.sonamePattern() + " (" + lib.description() + ") not found");
            }
        }
        if (missing.isEmpty()) return Optional.empty();
        return Optional.of(String.join("; ", missing) + " (searched " + searched.size() + " directories; set -D"
                + SearchEnvironment.LIBDIR_PROPERTY + " or " + SearchEnvironment.LIBDIR_ENV + " to the directory holding them)");
    }
}

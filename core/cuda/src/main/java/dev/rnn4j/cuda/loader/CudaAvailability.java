package dev.rnn4j.cuda.loader;

import java.util.List;
import java.util.Optional;

/**
 * Whether the CUDA libraries could be found and loaded; {@code reason} is null when they could.
 * {@link #message()} is the user-facing "CUDA backend unavailable: ..." line.
 */
public record CudaAvailability(LibraryDiscovery discovery, List<FoundLibrary> loaded, String reason) {

    public CudaAvailability {
        loaded = List.copyOf(loaded);
    }

    static CudaAvailability available(LibraryDiscovery discovery, List<FoundLibrary> loaded) {
        return new CudaAvailability(discovery, loaded, null);
    }

    static CudaAvailability unavailable(LibraryDiscovery discovery, List<FoundLibrary> loaded, String reason) {
        return new CudaAvailability(discovery, loaded, reason);
    }

    public boolean isAvailable() {
        return reason == null;
    }

    public Optional<String> message() {
        return reason == null ? Optional.empty() : Optional.of("CUDA backend unavailable: " + reason);
    }
}

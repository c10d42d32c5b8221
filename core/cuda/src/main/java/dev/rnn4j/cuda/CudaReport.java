package dev.rnn4j.cuda;

import dev.rnn4j.cuda.loader.CudaAvailability;
import dev.rnn4j.cuda.loader.CudaLibrary;
import dev.rnn4j.cuda.loader.FoundLibrary;
import dev.rnn4j.cuda.loader.LibraryDiscovery;
import dev.rnn4j.cuda.loader.SearchDirectory;

import java.util.Locale;

/** Formats the library search, what was loaded, and the driver's facts as the text of {@code rnn4j info}. */
final class CudaReport {

    private CudaReport() {
    }

    static String format(CudaAvailability availability, CudaFacts facts) {
        StringBuilder sb = new StringBuilder();
        LibraryDiscovery d = availability.discovery();
        String unusable = facts != null && facts.error() != null ? facts.error()
                : facts != null && facts.devices().isEmpty() ? "the driver sees no CUDA device" : null;
        if (!availability.isAvailable()) {
            sb.append(availability.message().orElseThrow()).append('\n');
        } else if (unusable != null) {
            sb.append("CUDA backend unavailable: ").append(unusable).append('\n');
        } else {
            sb.append("CUDA backend: available\n");
        }
        sb.append("CUDA libraries:\n");
        for (CudaLibrary lib : CudaLibrary.values()) {
            sb.append(String.format(Locale.ROOT, "  %-18s %-40s ", lib.description(), lib.sonamePattern()));
            var found = d.get(lib);
            if (found.isPresent()) {
                FoundLibrary f = found.get();
                sb.append(f.path());
                if (!f.resolvedFileName().equals(f.soname())) sb.append(" -> ").append(f.resolvedFileName());
                sb.append(" [").append(f.foundIn().origin()).append(']');
            } else {
                sb.append("not found");
            }
            if (!lib.required()) sb.append(" (optional: the backend uses the driver API)");
            sb.append('\n');
        }
        sb.append("Searched directories, in order (").append(d.searched().size()).append("):\n");
        for (SearchDirectory dir : d.searched()) sb.append("  ").append(dir).append('\n');
        if (facts != null) {
            if (facts.driverVersion() >= 0) {
                sb.append("Driver: supports CUDA ").append(Driver.versionString(facts.driverVersion())).append('\n');
            }
            if (facts.cudnnVersion() >= 0) sb.append("cuDNN: ").append(cudnnVersionString(facts.cudnnVersion())).append('\n');
            for (DeviceInfo dev : facts.devices()) {
                sb.append(String.format(Locale.ROOT, "Device cuda:%d: %s, %.1f GiB, compute capability %s, %d SMs%n", dev.ordinal(), dev.name(),
                        dev.totalBytes() / (double) (1L << 30), dev.computeCapability(), dev.multiprocessors()));
            }
        }
        return sb.toString();
    }

    /** cuDNN 9 encodes its version as major*10000 + minor*100 + patch. */
    static String cudnnVersionString(long v) {
        return (v / 10000) + "." + (v % 10000) / 100 + "." + (v % 100);
    }
}

package dev.rnn4j.cuda;

import dev.rnn4j.cuda.loader.CudaAvailability;
import dev.rnn4j.cuda.loader.NativeLibraries;
import dev.rnn4j.bindings.cudnn.cudnn_h;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Answers "can the CUDA backend run on device N, and if not, why" and gathers the facts for the report.
 * Loads the libraries through {@link NativeLibraries}; never throws.
 */
final class CudaProbe {

    private CudaProbe() {
    }

    /** Empty when device {@code ordinal} is usable, else "CUDA backend unavailable: &lt;exact reason&gt;". */
    static Optional<String> unavailableReason(int ordinal) {
        CudaAvailability availability = NativeLibraries.load();
        if (!availability.isAvailable()) return availability.message();
        try {
            Driver.init();
            int count = Driver.deviceCount();
            if (ordinal < 0 || ordinal >= count) {
                return Optional.of("CUDA backend unavailable: device " + ordinal + " requested but the driver sees " + count + " device(s)");
            }
            return Optional.empty();
        } catch (RuntimeException | LinkageError e) {
            return Optional.of("CUDA backend unavailable: " + e.getMessage());
        }
    }

    /** Driver, cuDNN and device facts; only call when the libraries are loaded. */
    static CudaFacts facts() {
        int driver = -1;
        long cudnn = -1;
        List<DeviceInfo> devices = new ArrayList<>();
        try {
            driver = Driver.driverVersion();
            cudnn = cudnn_h.cudnnGetVersion();
            Driver.init();
            int count = Driver.deviceCount();
            for (int i = 0; i < count; i++) devices.add(Driver.deviceInfo(i));
            return new CudaFacts(driver, cudnn, devices, null);
        } catch (RuntimeException | LinkageError e) {
            return new CudaFacts(driver, cudnn, devices, e.getMessage());
        }
    }

    /** The multi-line report of {@code rnn4j info}. */
    static String report() {
        CudaAvailability availability = NativeLibraries.load();
        return CudaReport.format(availability, availability.isAvailable() ? facts() : null);
    }
}

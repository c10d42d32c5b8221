package dev.rnn4j.cuda;

import dev.rnn4j.cuda.loader.CudaAvailability;
import dev.rnn4j.cuda.loader.CudaLibrary;
import dev.rnn4j.cuda.loader.FoundLibrary;
import dev.rnn4j.cuda.loader.LibraryDiscovery;
import dev.rnn4j.cuda.loader.SearchDirectory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report's formatting with invented facts (what a GPU host would show). */
class CudaReportTest {

    private static LibraryDiscovery everything() {
        SearchDirectory dir = new SearchDirectory(Path.of("/opt/cuda/lib64"), "CUDA_HOME");
        Map<CudaLibrary, FoundLibrary> found = new EnumMap<>(CudaLibrary.class);
        for (CudaLibrary lib : CudaLibrary.values()) {
            String soname = lib.sonames().getFirst();
            found.put(lib, new FoundLibrary(lib, soname, dir.path().resolve(soname), dir));
        }
        return new LibraryDiscovery(List.of(dir), found);
    }

    @Test
    void availableBackendListsDriverCudnnAndDevices() {
        LibraryDiscovery d = everything();
        CudaAvailability a = new CudaAvailability(d, List.copyOf(d.found().values()), null);
        CudaFacts facts = new CudaFacts(13000, 90600, List.of(new DeviceInfo(0, "NVIDIA Test GPU", 80L << 30, 9, 0, 132)), null);
        String report = CudaReport.format(a, facts);
        assertTrue(report.startsWith("CUDA backend: available\n"), report);
        assertTrue(report.contains("Driver: supports CUDA 13.0\n"), report);
        assertTrue(report.contains("cuDNN: 9.6.0\n"), report);
        assertTrue(report.contains("Device cuda:0: NVIDIA Test GPU, 80.0 GiB, compute capability 9.0, 132 SMs"), report);
        assertTrue(report.contains("/opt/cuda/lib64/libcudnn.so.9 [CUDA_HOME]"), report);
    }

    @Test
    void driverWithoutDevicesIsUnavailable() {
        LibraryDiscovery d = everything();
        CudaAvailability a = new CudaAvailability(d, List.copyOf(d.found().values()), null);
        String noDevice = CudaReport.format(a, new CudaFacts(12040, 90100, List.of(), null));
        assertTrue(noDevice.startsWith("CUDA backend unavailable: the driver sees no CUDA device\n"), noDevice);
        String failed = CudaReport.format(a, new CudaFacts(12040, 90100, List.of(), "cuInit failed: CUDA_ERROR_NO_DEVICE (100)"));
        assertTrue(failed.startsWith("CUDA backend unavailable: cuInit failed: CUDA_ERROR_NO_DEVICE (100)\n"), failed);
        assertTrue(failed.contains("Driver: supports CUDA 12.4"), failed);
    }

    @Test
    void versionStrings() {
        assertEquals("9.6.0", CudaReport.cudnnVersionString(90600));
        assertEquals("9.10.2", CudaReport.cudnnVersionString(91002));
        assertEquals("12.8", Driver.versionString(12080));
    }
}

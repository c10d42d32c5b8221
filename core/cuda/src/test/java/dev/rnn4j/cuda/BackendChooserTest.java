package dev.rnn4j.cuda;

import dev.rnn4j.cuda.loader.CudaLibrary;
import dev.rnn4j.cuda.loader.LibraryDiscovery;
import dev.rnn4j.cuda.loader.NativeLibraries;
import dev.rnn4j.cuda.loader.SearchDirectory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.rnn4j.backend.BackendChoice;
import dev.rnn4j.backend.Backends;
import org.junit.jupiter.api.Test;

/** The chooser and the report on a machine without the CUDA libraries (this CI machine); skipped where CUDA loads. */
class BackendChooserTest {

    private static void assumeNoCuda() {
        assumeFalse(NativeLibraries.load().isAvailable(), "the CUDA libraries load here: the no-GPU expectations do not apply");
    }

    @Test
    void autoFallsBackToTheCpuWithTheExactReason() {
        assumeNoCuda();
        BackendChoice choice = Backends.auto();
        try (var backend = choice.backend()) {
            assertEquals("cpu", backend.name());
        }
        String cudaReason = NativeLibraries.load().message().orElseThrow();
        assertEquals(java.util.Map.of("cuda", cudaReason), choice.skipped());
        assertTrue(choice.reason().startsWith("cpu: pure Java"), choice.reason());
        assertTrue(choice.reason().endsWith("(cuda skipped: " + cudaReason + ")"), choice.reason());
    }

    @Test
    void explicitCudaThrowsWithTheReason() {
        assumeNoCuda();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Backends.cuda(0));
        assertEquals(NativeLibraries.load().message().orElseThrow(), e.getMessage());
        assertThrows(IllegalStateException.class, () -> CudaBackend.create(0));
    }

    @Test
    void reportSaysWhatIsMissingAndWhereItLooked() {
        assumeNoCuda();
        String report = Backends.report();
        String[] lines = report.split("\n");
        assertTrue(lines[0].startsWith("CUDA backend unavailable: "), lines[0]);
        assertTrue(report.contains("CUDA libraries:"), report);
        for (CudaLibrary lib : CudaLibrary.values()) assertTrue(report.contains(lib.sonamePattern()), lib + " missing from\n" + report);
        LibraryDiscovery d = NativeLibraries.load().discovery();
        for (CudaLibrary lib : CudaLibrary.values()) {
            String line = java.util.Arrays.stream(lines).filter(l -> l.contains(lib.sonamePattern())).findFirst().orElseThrow();
            if (d.get(lib).isEmpty()) assertTrue(line.contains("not found"), line);
            else assertTrue(line.contains(d.get(lib).get().path().toString()), line);
        }
        assertTrue(report.contains("Searched directories, in order (" + d.searched().size() + "):"), report);
        for (SearchDirectory s : d.searched()) assertTrue(report.contains(s.toString()), s + " not listed");
        System.out.println(report);
    }

    @Test
    void probeNeverThrowsAndRepeatsItsAnswer() {
        var first = CudaProbe.unavailableReason(0);
        assertEquals(first, CudaProbe.unavailableReason(0));
        assertEquals(NativeLibraries.load(), NativeLibraries.load());
    }
}

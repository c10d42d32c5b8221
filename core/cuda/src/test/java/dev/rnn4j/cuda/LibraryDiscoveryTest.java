package dev.rnn4j.cuda;

import dev.rnn4j.cuda.loader.CudaAvailability;
import dev.rnn4j.cuda.loader.CudaLibrary;
import dev.rnn4j.cuda.loader.LibraryDiscovery;
import dev.rnn4j.cuda.loader.LibrarySearchPath;
import dev.rnn4j.cuda.loader.NativeLibraries;
import dev.rnn4j.cuda.loader.SearchDirectory;
import dev.rnn4j.cuda.loader.SearchEnvironment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library search on fake directory trees (empty files named like the sonames); nothing is dlopened. */
class LibraryDiscoveryTest {

    @TempDir
    Path root;

    private Path touch(String relative) throws IOException {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        return Files.createFile(p);
    }

    private SearchEnvironment env(Map<String, String> env, Map<String, String> props) {
        return new SearchEnvironment(props, env, root, root.resolve("home/user"));
    }

    private SearchEnvironment env(Map<String, String> env) {
        return env(env, Map.of());
    }

    @Test
    void emptyMachineNamesEveryMissingLibrary() {
        LibraryDiscovery d = LibraryDiscovery.discover(env(Map.of()));
        assertTrue(d.searched().isEmpty());
        assertEquals("libcuda.so.1 (the NVIDIA driver) not found; libcublas.so.13 or libcublas.so.12 (cuBLAS) not found; "
                + "libcudnn.so.9 (cuDNN 9) not found (searched 0 directories; set -Drnn4j.cuda.libdir or RNN4J_CUDA_LIBDIR to the "
                + "directory holding them)", d.missingReason().orElseThrow());
    }

    @Test
    void toolkitPlusDriverPlusPipCudnnIsComplete() throws IOException {
        touch("usr/local/cuda-13.0/lib64/libcudart.so.13");
        touch("usr/local/cuda-13.0/lib64/libcublas.so.13");
        touch("usr/local/cuda-13.0/lib64/libcublasLt.so.13");
        touch("usr/lib/x86_64-linux-gnu/libcuda.so.1");
        touch("home/user/.local/lib/python3.12/site-packages/nvidia/cudnn/lib/libcudnn.so.9");
        LibraryDiscovery d = LibraryDiscovery.discover(env(Map.of()));
        assertEquals(java.util.Optional.empty(), d.missingReason());
        assertEquals(root.resolve("usr/local/cuda-13.0/lib64/libcublas.so.13"), d.found().get(CudaLibrary.CUBLAS).path());
        assertEquals("pip wheel", d.found().get(CudaLibrary.CUDNN).foundIn().origin());
        assertEquals("system", d.found().get(CudaLibrary.DRIVER).foundIn().origin());
        assertEquals("libcudart.so.13", d.found().get(CudaLibrary.RUNTIME).soname());
    }

    @Test
    void explicitDirectoryWinsOverLdLibraryPathAndToolkit() throws IOException {
        Path explicit = touch("opt/mine/libcudnn.so.9").getParent();
        Path ld = touch("opt/ld/libcudnn.so.9").getParent();
        touch("usr/local/cuda/lib64/libcudnn.so.9");
        LibraryDiscovery viaProp = LibraryDiscovery.discover(env(Map.of("LD_LIBRARY_PATH", ld.toString()),
                Map.of(SearchEnvironment.LIBDIR_PROPERTY, explicit.toString())));
        assertEquals(explicit.resolve("libcudnn.so.9"), viaProp.found().get(CudaLibrary.CUDNN).path());
        assertEquals("-Drnn4j.cuda.libdir", viaProp.searched().getFirst().origin());
        LibraryDiscovery viaLd = LibraryDiscovery.discover(env(Map.of("LD_LIBRARY_PATH", "/nonexistent:" + ld)));
        assertEquals(ld.resolve("libcudnn.so.9"), viaLd.found().get(CudaLibrary.CUDNN).path());
    }

    @Test
    void searchOrderCoversEveryDocumentedPlace() throws IOException {
        Path cudaHome = Files.createDirectories(root.resolve("opt/cuda/targets/x86_64-linux/lib"));
        Files.createDirectories(root.resolve("usr/local/cuda-12.4/lib64"));
        Files.createDirectories(root.resolve("usr/local/cuda-12.10/lib64"));
        Files.createDirectories(root.resolve("venv/lib/python3.11/site-packages/nvidia/cublas/lib"));
        Files.createDirectories(root.resolve("usr/local/lib/python3.12/dist-packages/nvidia/cudnn/lib"));
        Files.createDirectories(root.resolve("usr/lib/x86_64-linux-gnu"));
        Files.createDirectories(root.resolve("opt/nvidia-driver"));
        Files.createDirectories(root.resolve("etc/ld.so.conf.d"));
        Files.writeString(root.resolve("etc/ld.so.conf.d/nvidia.conf"), "# driver\n/opt/nvidia-driver\n");
        Map<String, String> vars = new HashMap<>();
        vars.put("CUDA_HOME", root.resolve("opt/cuda").toString());
        vars.put("VIRTUAL_ENV", root.resolve("venv").toString());
        List<String> origins = new ArrayList<>();
        List<Path> paths = new ArrayList<>();
        for (SearchDirectory s : LibrarySearchPath.directories(env(vars))) {
            origins.add(s.origin());
            paths.add(root.relativize(s.path()));
        }
        assertEquals(List.of(Path.of("opt/cuda/targets/x86_64-linux/lib"), Path.of("usr/local/cuda-12.10/lib64"),
                Path.of("usr/local/cuda-12.4/lib64"), Path.of("venv/lib/python3.11/site-packages/nvidia/cublas/lib"),
                Path.of("usr/local/lib/python3.12/dist-packages/nvidia/cudnn/lib"), Path.of("usr/lib/x86_64-linux-gnu"),
                Path.of("opt/nvidia-driver")), paths);
        assertEquals(List.of("CUDA_HOME", "CUDA toolkit", "CUDA toolkit", "pip wheel", "pip wheel", "system", "ld.so.conf.d/nvidia.conf"), origins);
        assertTrue(cudaHome.toFile().isDirectory());
    }

    @Test
    void symlinkedToolkitIsSearchedOnce() throws IOException {
        touch("usr/local/cuda-13.0/lib64/libcublas.so.13");
        Files.createSymbolicLink(root.resolve("usr/local/cuda"), root.resolve("usr/local/cuda-13.0"));
        List<SearchDirectory> dirs = LibrarySearchPath.directories(env(Map.of()));
        assertEquals(1, dirs.size());
        assertEquals(root.resolve("usr/local/cuda/lib64"), dirs.getFirst().path());
    }

    @Test
    void newestSonameInTheFirstDirectoryWins() throws IOException {
        touch("a/libcublas.so.12");
        touch("a/libcublasLt.so.12");
        touch("b/libcublas.so.13");
        touch("b/libcublasLt.so.13");
        LibraryDiscovery d = LibraryDiscovery.discover(env(Map.of("LD_LIBRARY_PATH", root.resolve("a") + ":" + root.resolve("b"))));
        assertEquals("libcublas.so.12", d.found().get(CudaLibrary.CUBLAS).soname());
        assertEquals(root.resolve("a/libcublasLt.so.12"), d.found().get(CudaLibrary.CUBLAS_LT).path());
    }

    @Test
    void cublasLtOfAnotherMajorIsReported() throws IOException {
        touch("a/libcublas.so.12");
        touch("a/libcublasLt.so.13");
        touch("a/libcuda.so.1");
        touch("a/libcudnn.so.9");
        LibraryDiscovery d = LibraryDiscovery.discover(env(Map.of(SearchEnvironment.LIBDIR_ENV, root.resolve("a").toString())));
        String reason = d.missingReason().orElseThrow();
        assertTrue(reason.startsWith("libcublasLt.so.12 (cuBLASLt) not found next to " + root.resolve("a/libcublas.so.12")), reason);
    }

    @Test
    void resolvedFileNameCarriesTheFullVersion() throws IOException {
        Path real = touch("a/libcudnn.so.9.6.0");
        Files.createSymbolicLink(root.resolve("a/libcudnn.so.9"), real);
        LibraryDiscovery d = LibraryDiscovery.discover(env(Map.of("LD_LIBRARY_PATH", root.resolve("a").toString())));
        assertEquals("libcudnn.so.9.6.0", d.found().get(CudaLibrary.CUDNN).resolvedFileName());
    }

    @Test
    void loaderLoadsInDependencyOrderAndReportsTheFailingFile() throws IOException {
        for (String f : List.of("libcuda.so.1", "libcublas.so.13", "libcublasLt.so.13", "libcudnn.so.9", "libcudart.so.13")) touch("a/" + f);
        LibraryDiscovery d = LibraryDiscovery.discover(env(Map.of("LD_LIBRARY_PATH", root.resolve("a").toString())));
        List<String> order = new ArrayList<>();
        CudaAvailability ok = NativeLibraries.load(d, p -> order.add(p.getFileName().toString()));
        assertTrue(ok.isAvailable());
        assertEquals(List.of("libcuda.so.1", "libcublasLt.so.13", "libcublas.so.13", "libcudnn.so.9"), order);

        CudaAvailability bad = NativeLibraries.load(d, p -> {
            if (p.getFileName().toString().startsWith("libcudnn")) throw new UnsatisfiedLinkError("invalid ELF header");
        });
        assertFalse(bad.isAvailable());
        assertEquals("CUDA backend unavailable: loading " + root.resolve("a/libcudnn.so.9") + " failed: invalid ELF header", bad.message().orElseThrow());
        assertEquals(3, bad.loaded().size());
    }

    @Test
    void missingLibrariesAreNeverLoaded() {
        LibraryDiscovery d = LibraryDiscovery.discover(env(Map.of()));
        CudaAvailability a = NativeLibraries.load(d, p -> {
            throw new AssertionError("must not load " + p);
        });
        assertTrue(a.message().orElseThrow().startsWith("CUDA backend unavailable: libcuda.so.1 (the NVIDIA driver) not found"));
    }
}

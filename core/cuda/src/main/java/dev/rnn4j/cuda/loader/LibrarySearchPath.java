package dev.rnn4j.cuda.loader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The ordered list of existing directories searched for the CUDA libraries:
 * <ol>
 *   <li>{@code -Drnn4j.cuda.libdir}, then {@code RNN4J_CUDA_LIBDIR} (colon-separated);</li>
 *   <li>{@code LD_LIBRARY_PATH};</li>
 *   <li>{@code CUDA_HOME}, {@code CUDA_PATH}: lib64, lib, targets/x86_64-linux/lib;</li>
 *   <li>/usr/local/cuda, then /usr/local/cuda-X.Y newest first: the same sub-directories;</li>
 *   <li>pip NVIDIA wheels: {@code site-packages/nvidia/&#42;/lib} under {@code RNN4J_PYTHON_SITE},
 *       {@code VIRTUAL_ENV}, {@code CONDA_PREFIX}, ~/.local, /usr/local/lib and /usr/lib (every python3.*);</li>
 *   <li>the system library directories where the driver's libcuda.so.1 lives (/usr/lib/x86_64-linux-gnu,
 *       /lib/x86_64-linux-gnu, /usr/lib64, /usr/lib/wsl/lib) and those listed in /etc/ld.so.conf.d.</li>
 * </ol>
 * A directory reached twice (a symlink such as /usr/local/cuda) is kept once, at its first position.
 */
public final class LibrarySearchPath {

    private static final List<String> TOOLKIT_SUBDIRS = List.of("lib64", "lib", "targets/x86_64-linux/lib");
    private static final List<String> SYSTEM_DIRS = List.of("/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib/wsl/lib");
    private static final Pattern CUDA_VERSION_DIR = Pattern.compile("cuda-(\\d+)\\.(\\d+)");
    private static final Pattern PYTHON_DIR = Pattern.compile("python3\\.(\\d+)");

    private LibrarySearchPath() {
    }

    public static List<SearchDirectory> directories(SearchEnvironment env) {
        Map<Path, SearchDirectory> dirs = new LinkedHashMap<>();
        addList(dirs, env.property(SearchEnvironment.LIBDIR_PROPERTY), "-D" + SearchEnvironment.LIBDIR_PROPERTY);
        addList(dirs, env.getenv(SearchEnvironment.LIBDIR_ENV), SearchEnvironment.LIBDIR_ENV);
        addList(dirs, env.getenv("LD_LIBRARY_PATH"), "LD_LIBRARY_PATH");
        for (String var : List.of("CUDA_HOME", "CUDA_PATH")) {
            String home = env.getenv(var);
            if (home != null) addToolkit(dirs, Path.of(home), var);
        }
        addToolkit(dirs, env.fixed("/usr/local/cuda"), "CUDA toolkit");
        for (Path versioned : versionedToolkits(env.fixed("/usr/local"))) addToolkit(dirs, versioned, "CUDA toolkit");
        for (Path site : sitePackages(env)) {
            for (Path lib : children(site.resolve("nvidia"))) add(dirs, lib.resolve("lib"), "pip wheel");
        }
        for (String sys : SYSTEM_DIRS) add(dirs, env.fixed(sys), "system");
        for (Path conf : children(env.fixed("/etc/ld.so.conf.d"))) {
            if (!conf.getFileName().toString().endsWith(".conf")) continue;
            for (String line : readLines(conf)) {
                String l = line.strip();
                if (l.startsWith("/")) add(dirs, env.fixed(l), "ld.so.conf.d/" + conf.getFileName());
            }
        }
        return List.copyOf(dirs.values());
    }

    private static void addList(Map<Path, SearchDirectory> dirs, String list, String origin) {
        if (list == null) return;
        for (String entry : list.split(":")) {
            if (!entry.isBlank()) add(dirs, Path.of(entry.strip()), origin);
        }
    }

    private static void addToolkit(Map<Path, SearchDirectory> dirs, Path home, String origin) {
        for (String sub : TOOLKIT_SUBDIRS) add(dirs, home.resolve(sub), origin);
    }

    private static void add(Map<Path, SearchDirectory> dirs, Path dir, String origin) {
        if (!Files.isDirectory(dir)) return;
        Path key;
        try {
            key = dir.toRealPath();
        } catch (IOException e) {
            return;
        }
        dirs.putIfAbsent(key, new SearchDirectory(dir, origin));
    }

    /** /usr/local/cuda-X.Y, newest first. */
    static List<Path> versionedToolkits(Path usrLocal) {
        return children(usrLocal).stream()
                .filter(p -> CUDA_VERSION_DIR.matcher(p.getFileName().toString()).matches())
                .sorted(Comparator.comparingLong(LibrarySearchPath::cudaVersionKey).reversed())
                .toList();
    }

    private static long cudaVersionKey(Path p) {
        Matcher m = CUDA_VERSION_DIR.matcher(p.getFileName().toString());
        if (!m.matches()) return -1;
        return Long.parseLong(m.group(1)) * 1000 + Long.parseLong(m.group(2));
    }

    /** Every site-packages / dist-packages directory that may hold NVIDIA wheels. */
    static List<Path> sitePackages(SearchEnvironment env) {
        List<Path> sites = new ArrayList<>();
        String explicit = env.getenv(SearchEnvironment.PYTHON_SITE_ENV);
        if (explicit != null) for (String s : explicit.split(":")) if (!s.isBlank()) sites.add(Path.of(s.strip()));
        List<Path> libRoots = new ArrayList<>();
        for (String var : List.of("VIRTUAL_ENV", "CONDA_PREFIX")) {
            String prefix = env.getenv(var);
            if (prefix != null) libRoots.add(Path.of(prefix, "lib"));
        }
        if (env.home() != null) libRoots.add(env.home().resolve(".local/lib"));
        libRoots.add(env.fixed("/usr/local/lib"));
        libRoots.add(env.fixed("/usr/lib"));
        for (Path libRoot : libRoots) {
            List<Path> pythons = children(libRoot).stream()
                    .filter(p -> PYTHON_DIR.matcher(p.getFileName().toString()).matches() || p.getFileName().toString().equals("python3"))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
                    .toList();
            for (Path py : pythons) {
                sites.add(py.resolve("site-packages"));
                sites.add(py.resolve("dist-packages"));
            }
        }
        return sites;
    }

    private static List<Path> children(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }
}

package dev.rnn4j.cuda.loader;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What the library search reads from the process: system properties, environment variables, the home
 * directory, and the file-system root under which the fixed locations (/usr/local/cuda, /usr/lib/...) are
 * looked up. Tests pass a fake tree as the root; {@link #system()} is the real process.
 */
public record SearchEnvironment(Map<String, String> properties, Map<String, String> env, Path root, Path home) {

    /** Explicit library directory (colon-separated list), highest priority. */
    public static final String LIBDIR_PROPERTY = "rnn4j.cuda.libdir";
    public static final String LIBDIR_ENV = "RNN4J_CUDA_LIBDIR";
    /** Extra Python site-packages directories (colon-separated) searched for pip NVIDIA wheels. */
    public static final String PYTHON_SITE_ENV = "RNN4J_PYTHON_SITE";

    public SearchEnvironment {
        properties = Map.copyOf(Objects.requireNonNull(properties, "properties"));
        env = Map.copyOf(Objects.requireNonNull(env, "env"));
        Objects.requireNonNull(root, "root");
    }

    public static SearchEnvironment system() {
        Map<String, String> props = new java.util.HashMap<>();
        String libdir = System.getProperty(LIBDIR_PROPERTY);
        if (libdir != null) props.put(LIBDIR_PROPERTY, libdir);
        String home = System.getProperty("user.home");
        return new SearchEnvironment(props, System.getenv(), Path.of("/"), home == null ? null : Path.of(home));
    }

    String property(String name) {
        return properties.get(name);
    }

    String getenv(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v;
    }

    /** An absolute location such as "/usr/local/cuda", under {@link #root()}. */
    Path fixed(String absolute) {
        return root.resolve(absolute.substring(1));
    }
}

package dev.rnn4j.backend;

import dev.rnn4j.backend.spi.BackendProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Finds the backends on the class or module path ({@link BackendProvider}s, through {@link ServiceLoader})
 * and creates them. Nothing native loads until a provider is asked; an unavailable backend is a reason, not
 * an exception, except when it was asked for by name.
 */
public final class Backends {

    private Backends() {
    }

    /** Every provider found, highest priority first (ties by name). */
    public static List<BackendProvider> providers() {
        List<BackendProvider> found = new ArrayList<>();
        ServiceLoader.load(BackendProvider.class, Backends.class.getClassLoader()).forEach(found::add);
        found.sort(Comparator.comparingInt(BackendProvider::priority).reversed().thenComparing(BackendProvider::name));
        return found;
    }

    /** The provider called {@code name}; throws naming the artifact to add when there is none. */
    public static BackendProvider provider(String name) {
        List<BackendProvider> all = providers();
        return all.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow(() -> new IllegalStateException(
                "no rnn4j backend named '" + name + "' on the class or module path (found: " + names(all)
                        + "); add the dev.rnn4j:rnn4j-" + name + " artifact"));
    }

    /** The backend called {@code name} on device 0 with default options. */
    public static Backend create(String name) {
        return create(name, 0, null);
    }

    /** The backend called {@code name} on {@code device}; throws with the exact reason when it is unavailable. */
    public static Backend create(String name, int device, BackendOptions options) {
        BackendProvider provider = provider(name);
        var reason = provider.unavailableReason(device);
        if (reason.isPresent()) throw new IllegalStateException(reason.get());
        return provider.create(device, options);
    }

    /** The pure-Java CPU backend (needs rnn4j-cpu). */
    public static Backend cpu() {
        return create("cpu");
    }

    /** The CUDA backend on device {@code ordinal} (needs rnn4j-cuda and a GPU); throws with the reason otherwise. */
    public static Backend cuda(int ordinal) {
        return create("cuda", ordinal, null);
    }

    /**
     * The first provider, by priority, that is available on device 0 and creates a backend; the choice
     * carries the reasons of those it skipped.
     */
    public static BackendChoice auto() {
        Map<String, String> skipped = new LinkedHashMap<>();
        List<BackendProvider> all = providers();
        for (BackendProvider provider : all) {
            var reason = provider.unavailableReason(0);
            if (reason.isPresent()) {
                skipped.put(provider.name(), reason.get());
                continue;
            }
            try {
                Backend backend = provider.create(0, null);
                String why = skipped.isEmpty() ? "" : " (" + skipped.entrySet().stream()
                        .map(e -> e.getKey() + " skipped: " + e.getValue()).collect(Collectors.joining("; ")) + ")";
                return new BackendChoice(backend, provider.name() + ": " + backend.description() + why, skipped);
            } catch (RuntimeException e) {
                skipped.put(provider.name(), e.getMessage());
            }
        }
        throw new IllegalStateException(all.isEmpty()
                ? "no rnn4j backend on the class or module path: add dev.rnn4j:rnn4j-cpu (and rnn4j-cuda for GPUs)"
                : "no rnn4j backend is usable: " + skipped);
    }

    /** The reports of every provider found, for {@code rnn4j info}. */
    public static String report() {
        List<BackendProvider> all = providers();
        if (all.isEmpty()) return "backends: none found on the class or module path";
        return all.stream().map(BackendProvider::report).collect(Collectors.joining("\n"));
    }

    private static String names(List<BackendProvider> providers) {
        return providers.isEmpty() ? "none" : providers.stream().map(BackendProvider::name).collect(Collectors.joining(", "));
    }
}

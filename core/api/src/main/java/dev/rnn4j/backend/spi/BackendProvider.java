package dev.rnn4j.backend.spi;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.backend.BackendOptions;
import java.util.Optional;

/**
 * A backend implementation, found with {@link java.util.ServiceLoader}: a module {@code provides} it (or a
 * jar lists it in {@code META-INF/services/dev.rnn4j.backend.spi.BackendProvider}), and
 * {@link dev.rnn4j.backend.Backends} asks every provider found, highest {@link #priority()} first.
 *
 * <p>A provider's class must load on any JVM: it may not touch its native libraries or incubator modules
 * until {@link #unavailableReason} or {@link #create} is called, and {@link #unavailableReason} never throws.
 */
public interface BackendProvider {

    /** The name users select it by ("cpu", "cuda"). */
    String name();

    /** {@link dev.rnn4j.backend.Backends#auto()} tries providers in decreasing priority. */
    int priority();

    /**
     * Empty when {@link #create} can make a backend on {@code device}; otherwise why not, in words that name
     * what to install or which JVM flag to add.
     */
    Optional<String> unavailableReason(int device);

    /**
     * A new backend on {@code device}.
     *
     * @param options this provider's options type, or null for its defaults
     * @throws IllegalArgumentException options of another provider's type, or a device that does not exist
     * @throws IllegalStateException    the backend is unavailable (the message says why)
     */
    Backend create(int device, BackendOptions options);

    /** A multi-line report for {@code rnn4j info}: what was searched and found, versions, devices. */
    String report();
}

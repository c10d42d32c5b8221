/**
 * For backend implementers: {@link dev.rnn4j.backend.spi.BackendProvider} (the service a backend module
 * provides), {@link dev.rnn4j.backend.spi.ComposedBackend} (a backend assembled from one part per job) and the
 * argument rules every backend applies alike.
 *
 * <p>Stability: may change between 0.x releases more freely than the rest of the API; frameworks that only
 * call backends never need it.
 */
package dev.rnn4j.backend.spi;

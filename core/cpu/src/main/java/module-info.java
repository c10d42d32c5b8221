/**
 * The pure-Java CPU backend (Vector API kernels). Found through {@link dev.rnn4j.backend.Backends}; only its
 * provider and options are exported.
 */
module dev.rnn4j.cpu {
    requires transitive dev.rnn4j.api;
    requires jdk.incubator.vector;

    exports dev.rnn4j.cpu;

    provides dev.rnn4j.backend.spi.BackendProvider with dev.rnn4j.cpu.CpuBackendProvider;
}

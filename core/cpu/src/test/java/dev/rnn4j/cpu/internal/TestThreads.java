package dev.rnn4j.cpu.internal;

import dev.rnn4j.cpu.CpuOptions;

/** Threads for tests that call the kernels below a backend: all cores, daemon workers kept for the test JVM. */
final class TestThreads {

    static final GemmThreads ALL_CORES = GemmThreads.of(CpuOptions.defaults());

    private TestThreads() {
    }
}

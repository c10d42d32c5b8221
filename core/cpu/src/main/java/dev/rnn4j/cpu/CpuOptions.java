package dev.rnn4j.cpu;

import dev.rnn4j.backend.BackendOptions;

/** How a CPU backend is created. Defaults: {@link #defaults()}. */
public record CpuOptions() implements BackendOptions {

    public static CpuOptions defaults() {
        return new CpuOptions();
    }
}

package dev.rnn4j.cpu;

import dev.rnn4j.backend.BackendOptions;
import java.util.concurrent.Executor;

/**
 * How a CPU backend is created. Defaults: {@link #defaults()}.
 *
 * <p>Every result is the same, bit for bit, whatever the number of threads: work is split into parts that
 * depend only on the shapes, and each output element is computed by one part in a fixed order.
 *
 * @param threads  how many threads share a large operation (an SGEMM, an RNN time step, an elementwise pass
 *                 over many elements), the calling thread included; 1 runs everything on the caller
 * @param executor where the other {@code threads - 1} run: null for worker threads of the backend's own
 *                 (started on first use, stopped by {@code Backend.close()}), or a host framework's executor,
 *                 which the backend only submits tasks to and never shuts down. A task that an executor
 *                 refuses or runs late costs no correctness: the calling thread does the work instead.
 */
public record CpuOptions(int threads, Executor executor) implements BackendOptions {

    public CpuOptions {
        if (threads < 1) {
            throw new IllegalArgumentException("CpuOptions: threads must be >= 1 (1 runs everything on the calling thread), got " + threads);
        }
    }

    /** All cores ({@link Runtime#availableProcessors()}), on worker threads of the backend's own. */
    public static CpuOptions defaults() {
        return new CpuOptions(Runtime.getRuntime().availableProcessors(), null);
    }

    /** These options with {@code count} threads (the calling thread included). */
    public CpuOptions withThreads(int count) {
        return new CpuOptions(count, executor);
    }

    /** These options running the helper threads' work on {@code hostExecutor} (null: the backend's own threads). */
    public CpuOptions withExecutor(Executor hostExecutor) {
        return new CpuOptions(threads, hostExecutor);
    }
}

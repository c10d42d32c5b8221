package dev.rnn4j.bench.gpu;

import dev.rnn4j.backend.Backend;
import dev.rnn4j.bench.peers.Timing;

/** Times work queued on a backend: the median milliseconds of the timed repetitions after the warm-up. */
public interface DeviceTimer extends AutoCloseable {

    /** {@code queued} only queues work on the backend; the timer decides where to wait for it. */
    double medianMillis(Timing timing, Runnable queued);

    /** How it times, as the result lines print it ({@code cuda-events}, {@code wall-clock}). */
    String name();

    @Override
    void close();

    /** Wall time of each repetition, waiting for the backend at its end (the CPU backend's timer). */
    static DeviceTimer wallClock(Backend backend) {
        return new DeviceTimer() {
            @Override
            public double medianMillis(Timing timing, Runnable queued) {
                return timing.medianMillis(() -> {
                    queued.run();
                    backend.synchronize();
                });
            }

            @Override
            public String name() {
                return "wall-clock";
            }

            @Override
            public void close() {
            }
        };
    }
}

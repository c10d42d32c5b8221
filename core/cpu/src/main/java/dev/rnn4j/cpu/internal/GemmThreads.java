package dev.rnn4j.cpu.internal;

import dev.rnn4j.cpu.CpuOptions;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.IntConsumer;

/**
 * The threads of one CPU backend for SGEMM, the RNN time loops and the large elementwise and softmax passes:
 * the calling thread plus {@code threads - 1} helpers, either daemon workers of this backend's own
 * ({@link SpinningWorkers}: started on first use, spinning briefly between jobs so that the next one starts at
 * once, shut down by {@link #close()}) or tasks on an {@link Executor} a host framework handed in (never shut
 * down here). Own workers idle for {@link #IDLE_SECONDS} end and start again on the next job, so a backend
 * dropped without {@code close()} leaves no threads behind.
 *
 * <p>A job's parts are claimed dynamically by the caller and the helpers, so a helper that starts late, or
 * never (a saturated or shut-down executor), costs nothing: the caller simply runs more parts. Several
 * threads may run jobs at once (each caller finishes its own). After {@link #close()} every job runs on its
 * caller; the results are the same, since no result depends on how the parts are spread over threads.
 */
public final class GemmThreads implements AutoCloseable {

    /** Never started: a segment accessible by it is accessible by every thread (shared or global). */
    private static final Thread OTHER_THREAD = new Thread(() -> { });

    /** How long an own worker waits for the next job before it ends. */
    static final long IDLE_SECONDS = 30;
    /** Spins of a caller waiting for its helpers' last parts before it parks. */
    private static final int AWAIT_SPINS = 20_000;

    private final int threads;
    private final Executor external;
    private volatile SpinningWorkers own;
    private volatile boolean closed;

    private GemmThreads(int threads, Executor external) {
        this.threads = threads;
        this.external = external;
    }

    /** The threads {@code options} ask for; nothing starts before the first parallel job. */
    public static GemmThreads of(CpuOptions options) {
        return new GemmThreads(options.threads(), options.executor());
    }

    /** Threads that share a job, the caller included. */
    public int threads() {
        return threads;
    }

    /** "4 threads" or "4 threads on the host's executor". */
    String describe() {
        return threads + (threads == 1 ? " thread" : " threads") + (external == null ? "" : " on the host's executor");
    }

    /** Whether the workers may read and write {@code segment} (false for an arena confined to one thread). */
    static boolean shareable(MemorySegment segment) {
        return segment.isAccessibleBy(OTHER_THREAD);
    }

    /** Where helpers run, or null when the caller must run the whole job itself. */
    private Executor helpers() {
        if (threads == 1 || closed || Thread.currentThread() instanceof SpinningWorkers.Worker) return null;
        if (external != null) return external;
        SpinningWorkers pool = own;
        if (pool != null) return pool;
        synchronized (this) {
            if (closed) return null;
            if (own == null) own = new SpinningWorkers(threads - 1, IDLE_SECONDS, "rnn4j-cpu-worker");
            return own;
        }
    }

    /** Hands {@code task} to a helper; false when the executor refused it (then the caller does the work). */
    private static boolean hand(Executor helpers, Runnable task) {
        try {
            helpers.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Runs {@code part.accept(i)} for every i in [0, parts) and returns when all have finished. */
    public void forEachPart(int parts, IntConsumer part) {
        Executor helpers = parts <= 1 ? null : helpers();
        if (helpers == null) {
            for (int i = 0; i < parts; i++) part.accept(i);
            return;
        }
        Job job = new Job(parts, part);
        for (int w = Math.min(parts, threads) - 1; w > 0 && hand(helpers, job::work); w--) {
            // each helper claims parts until none is left
        }
        job.work();
        job.await();
    }

    /** One slice of one phase of a {@link #phases} job. */
    @FunctionalInterface
    interface SliceWork {
        void run(int phase, int slice);
    }

    /**
     * Runs {@code work.run(p, s)} for every phase p in [0, phases) and slice s in [0, slices): the slices of
     * a phase in parallel, a phase only after every slice of the one before has finished (a time loop:
     * one phase per step, its independent column blocks as slices). Slices are claimed dynamically, each
     * thread starting from its own share (so a slice tends to stay on one core), and nobody waits for a
     * thread to start: a late or descheduled worker only means the caller runs more slices. Waiting spins
     * briefly, then yields. With {@code parallel} false (memory confined to the calling thread) the caller
     * runs every slice itself, in order; the partition, and so every result, is the same.
     */
    void phases(int phases, int slices, boolean parallel, SliceWork work) {
        if (phases <= 0 || slices <= 0) return;
        Executor helpers = !parallel || slices == 1 ? null : helpers();
        if (helpers == null) {
            for (int p = 0; p < phases; p++) {
                for (int s = 0; s < slices; s++) work.run(p, s);
            }
            return;
        }
        PhasedJob job = new PhasedJob(phases, slices, work);
        int helperCount = Math.min(slices, threads) - 1;
        for (int w = 1; w <= helperCount; w++) {
            int first = w * slices / (helperCount + 1);
            if (!hand(helpers, () -> job.work(first))) break;
        }
        job.work(0);
        job.awaitCompleted(phases * slices);
        job.rethrow();
    }

    private static final class PhasedJob {
        private final int phases;
        private final int slices;
        private final SliceWork work;
        /** Per slice: how many phases of it have been claimed. */
        private final AtomicIntegerArray claimed;
        /** Slice runs finished, over all phases. */
        private final AtomicInteger completed = new AtomicInteger();
        private volatile Throwable failure;

        PhasedJob(int phases, int slices, SliceWork work) {
            this.phases = phases;
            this.slices = slices;
            this.work = work;
            this.claimed = new AtomicIntegerArray(slices);
        }

        void work(int first) {
            for (int p = completed.get() / slices; p < phases; p++) {
                awaitCompleted(p * slices);
                for (int n = 0; n < slices; n++) {
                    int s = (first + n) % slices;
                    if (claimed.get(s) != p || !claimed.compareAndSet(s, p, p + 1)) continue;
                    try {
                        if (failure == null) work.run(p, s);
                    } catch (Throwable t) {
                        failure = t;
                    } finally {
                        completed.incrementAndGet();
                    }
                }
            }
        }

        void awaitCompleted(int target) {
            for (int spins = 0; completed.get() < target; spins++) {
                if (spins < 2000) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
        }

        void rethrow() {
            Throwable t = failure;
            if (t instanceof RuntimeException re) throw re;
            if (t instanceof Error err) throw err;
            if (t != null) throw new IllegalStateException("rnn worker failed", t);
        }
    }

    private static final class Job {
        private final int parts;
        private final IntConsumer part;
        private final AtomicInteger next = new AtomicInteger();
        private final CountDownLatch done;
        private volatile Throwable failure;

        Job(int parts, IntConsumer part) {
            this.parts = parts;
            this.part = part;
            this.done = new CountDownLatch(parts);
        }

        void work() {
            for (int i; (i = next.getAndIncrement()) < parts; ) {
                try {
                    part.accept(i);
                } catch (Throwable t) {
                    failure = t;
                } finally {
                    done.countDown();
                }
            }
        }

        void await() {
            // the helpers' last parts usually end within microseconds: spin before parking on the latch
            for (int spins = 0; done.getCount() > 0 && spins < AWAIT_SPINS; spins++) Thread.onSpinWait();
            boolean interrupted = false;
            while (true) {
                try {
                    done.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
            Throwable t = failure;
            if (t instanceof RuntimeException re) throw re;
            if (t instanceof Error err) throw err;
            if (t != null) throw new IllegalStateException("sgemm worker failed", t);
        }
    }

    /**
     * Stops this backend's own workers once they finish what they hold (a host's executor is left alone);
     * later jobs run on their callers.
     */
    @Override
    public void close() {
        SpinningWorkers pool;
        synchronized (this) {
            closed = true;
            pool = own;
        }
        if (pool != null) pool.shutdown();
    }

    /** Whether this backend's own workers were started and are not yet shut down (for tests). */
    boolean ownWorkersRunning() {
        SpinningWorkers pool = own;
        return pool != null && !pool.isShutdown();
    }
}

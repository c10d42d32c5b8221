package dev.rnn4j.cpu.internal;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.IntConsumer;

/**
 * A persistent pool of (cores - 1) daemon workers for SGEMM and the RNN time loops. A job's parts are
 * claimed dynamically by the caller and the workers, so a worker that wakes late costs nothing: the caller
 * simply runs more parts.
 */
final class GemmThreads {

    static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());

    private static final ExecutorService WORKERS = THREADS == 1 ? null
            : Executors.newFixedThreadPool(THREADS - 1, Worker::new);

    /** Never started: a segment accessible by it is accessible by every thread (shared or global). */
    private static final Thread OTHER_THREAD = new Thread(() -> { });

    private GemmThreads() {
    }

    /** Whether the workers may read and write {@code segment} (false for an arena confined to one thread). */
    static boolean shareable(MemorySegment segment) {
        return segment.isAccessibleBy(OTHER_THREAD);
    }

    private static final class Worker extends Thread {
        Worker(Runnable r) {
            super(r, "rnn4j-sgemm-worker");
            setDaemon(true);
        }
    }

    /** Runs {@code part.accept(i)} for every i in [0, parts) and returns when all have finished. */
    static void forEachPart(int parts, IntConsumer part) {
        if (parts <= 1 || WORKERS == null || Thread.currentThread() instanceof Worker) {
            for (int i = 0; i < parts; i++) part.accept(i);
            return;
        }
        Job job = new Job(parts, part);
        for (int w = Math.min(parts, THREADS) - 1; w > 0; w--) WORKERS.execute(job::work);
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
    static void phases(int phases, int slices, boolean parallel, SliceWork work) {
        if (phases <= 0 || slices <= 0) return;
        if (!parallel || slices == 1 || WORKERS == null || Thread.currentThread() instanceof Worker) {
            for (int p = 0; p < phases; p++) {
                for (int s = 0; s < slices; s++) work.run(p, s);
            }
            return;
        }
        PhasedJob job = new PhasedJob(phases, slices, work);
        int helpers = Math.min(slices, THREADS) - 1;
        for (int w = 1; w <= helpers; w++) {
            int first = w * slices / (helpers + 1);
            WORKERS.execute(() -> job.work(first));
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
}

package dev.rnn4j.cpu;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * A persistent pool of (cores - 1) daemon workers for SGEMM. A job's parts are claimed dynamically by the
 * caller and the workers, so a worker that wakes late costs nothing: the caller simply runs more parts.
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

package dev.rnn4j.cpu.internal;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A backend's own worker threads: up to {@code size} daemon threads, started on demand, that run queued tasks and,
 * between tasks, spin for {@link #SPIN_NANOS} before they park. A job that follows soon after the last (the next
 * layer, the next token of a generator) then starts on a running thread instead of waiting for a parked one to be
 * woken (tens of microseconds on a VM, as long as a small step's work). A worker parked for {@code idleSeconds}
 * ends; {@link #shutdown} lets the workers finish what they hold and end.
 */
final class SpinningWorkers implements Executor {

    /** How long an idle worker spins before it parks. */
    static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

    private final int size;
    private final long idleNanos;
    private final String name;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedDeque<Thread> parked = new ConcurrentLinkedDeque<>();
    private final AtomicInteger running = new AtomicInteger();
    private volatile boolean shutdown;

    SpinningWorkers(int size, long idleSeconds, String name) {
        this.size = size;
        this.idleNanos = TimeUnit.SECONDS.toNanos(idleSeconds);
        this.name = name;
    }

    @Override
    public void execute(Runnable task) {
        if (shutdown) throw new RejectedExecutionException("the backend's workers are shut down");
        tasks.offer(task);
        Thread sleeper = parked.poll();
        if (sleeper != null) {
            LockSupport.unpark(sleeper);
            return;
        }
        for (int n = running.get(); n < size; n = running.get()) {
            if (running.compareAndSet(n, n + 1)) {
                new Worker(this::work, name).start();
                return;
            }
        }
    }

    /** The workers' threads (a job started on one runs on it alone). */
    static final class Worker extends Thread {
        Worker(Runnable r, String name) {
            super(r, name);
            setDaemon(true);
        }
    }

    void shutdown() {
        shutdown = true;
        for (Thread t; (t = parked.poll()) != null; ) LockSupport.unpark(t);
    }

    boolean isShutdown() {
        return shutdown;
    }

    /** Worker threads alive now (for tests). */
    int running() {
        return running.get();
    }

    private void work() {
        Thread self = Thread.currentThread();
        long idleSince = System.nanoTime();
        while (true) {
            Runnable task = tasks.poll();
            if (task != null) {
                runQuietly(task);
                idleSince = System.nanoTime();
                continue;
            }
            if (shutdown) break;
            long idle = System.nanoTime() - idleSince;
            if (idle < SPIN_NANOS) {
                Thread.onSpinWait();
                continue;
            }
            if (idle >= idleNanos) {
                running.decrementAndGet();
                // a task queued while this worker was leaving must not wait for the next execute()
                if (tasks.isEmpty() || !rejoin()) return;
                idleSince = System.nanoTime();
                continue;
            }
            parked.push(self);
            if (tasks.isEmpty() && !shutdown) LockSupport.parkNanos(this, idleNanos - idle);
            parked.remove(self);
        }
        running.decrementAndGet();
    }

    /** Counts this worker in again if there is room; false when others took its place. */
    private boolean rejoin() {
        for (int n = running.get(); n < size; n = running.get()) {
            if (running.compareAndSet(n, n + 1)) return true;
        }
        return false;
    }

    private static void runQuietly(Runnable task) {
        try {
            task.run();
        } catch (Throwable t) {
            // the jobs catch their own failures; nothing else runs here
        }
    }
}

package dev.rnn4j.cpu.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The backend's own workers: every task runs once, at most {@code size} threads, idle ones end, shutdown ends them all. */
class SpinningWorkersTest {

    @Test
    void everyTaskFromSeveralSubmittersRunsOnceOnAtMostSizeThreads() throws InterruptedException {
        SpinningWorkers workers = new SpinningWorkers(3, 30, "test-worker");
        int tasks = 20_000;
        AtomicInteger ran = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(tasks);
        Thread[] submitters = new Thread[4];
        for (int s = 0; s < submitters.length; s++) {
            submitters[s] = new Thread(() -> {
                for (int i = 0; i < tasks / submitters.length; i++) {
                    workers.execute(() -> {
                        ran.incrementAndGet();
                        done.countDown();
                    });
                }
            });
            submitters[s].start();
        }
        for (Thread t : submitters) t.join();
        assertTrue(done.await(30, TimeUnit.SECONDS), "every task ran");
        assertEquals(tasks, ran.get());
        assertTrue(workers.running() <= 3, workers.running() + " workers");
        workers.shutdown();
    }

    @Test
    void idleWorkersEndAndComeBackForTheNextTask() throws InterruptedException {
        SpinningWorkers workers = new SpinningWorkers(2, 0, "test-worker");
        assertTrue(ranAll(workers, 1));
        assertEquals(0, awaitNoWorkers(workers), "a worker idle past its limit ends");
        assertTrue(ranAll(workers, 1), "a new worker starts for the next task");
        workers.shutdown();
    }

    @Test
    void shutdownEndsTheWorkersAndRefusesNewTasks() throws InterruptedException {
        SpinningWorkers workers = new SpinningWorkers(2, 30, "test-worker");
        assertTrue(ranAll(workers, 2));
        workers.shutdown();
        assertTrue(workers.isShutdown());
        assertThrows(RejectedExecutionException.class, () -> workers.execute(() -> { }));
        assertEquals(0, awaitNoWorkers(workers), "shut-down workers end");
        assertFalse(Thread.currentThread() instanceof SpinningWorkers.Worker);
    }

    /** Whether {@code tasks} tasks handed to the workers all ran within 10 s. */
    private static boolean ranAll(SpinningWorkers workers, int tasks) throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(tasks);
        for (int i = 0; i < tasks; i++) workers.execute(ran::countDown);
        return ran.await(10, TimeUnit.SECONDS);
    }

    /** The workers still running after waiting up to 10 s for none to be. */
    private static int awaitNoWorkers(SpinningWorkers workers) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (workers.running() > 0 && System.nanoTime() < deadline) Thread.sleep(1);
        return workers.running();
    }
}

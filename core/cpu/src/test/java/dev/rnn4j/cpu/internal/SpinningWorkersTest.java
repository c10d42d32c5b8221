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
        CountDownLatch first = new CountDownLatch(1);
        workers.execute(first::countDown);
        assertTrue(first.await(10, TimeUnit.SECONDS));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (workers.running() > 0 && System.nanoTime() < deadline) Thread.sleep(1);
        assertEquals(0, workers.running(), "a worker idle past its limit ends");
        CountDownLatch second = new CountDownLatch(1);
        workers.execute(second::countDown);
        assertTrue(second.await(10, TimeUnit.SECONDS), "a new worker starts for the next task");
        workers.shutdown();
    }

    @Test
    void shutdownEndsTheWorkersAndRefusesNewTasks() throws InterruptedException {
        SpinningWorkers workers = new SpinningWorkers(2, 30, "test-worker");
        CountDownLatch ran = new CountDownLatch(2);
        workers.execute(ran::countDown);
        workers.execute(ran::countDown);
        assertTrue(ran.await(10, TimeUnit.SECONDS));
        workers.shutdown();
        assertTrue(workers.isShutdown());
        assertThrows(RejectedExecutionException.class, () -> workers.execute(() -> { }));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (workers.running() > 0 && System.nanoTime() < deadline) Thread.sleep(1);
        assertEquals(0, workers.running(), "shut-down workers end");
        assertFalse(Thread.currentThread() instanceof SpinningWorkers.Worker);
    }
}

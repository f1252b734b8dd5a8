package io.brique.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * The bounded queue between the collection endpoint and the database. {@link #offer} never blocks:
 * when the queue is full the batch is refused (the endpoint answers 503 with Retry-After) instead of
 * growing memory. One writer thread takes what is queued (up to {@code maxRows} events) and writes it
 * in one transaction with JDBC batches; a failed write is retried with back-off and never dropped.
 * {@link #close} stops taking batches and writes everything accepted before it returns.
 */
final class Collector implements AutoCloseable {

    private final Store store;
    private final Logger log;
    private final ArrayBlockingQueue<List<Hit>> queue;
    private final int maxRows;
    private final Thread writer;
    private final java.util.concurrent.locks.ReentrantReadWriteLock gate = new java.util.concurrent.locks.ReentrantReadWriteLock();
    private volatile boolean accepting = true;
    private volatile boolean running = true;
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong written = new AtomicLong();
    final AtomicLong refusedFull = new AtomicLong();
    final AtomicLong writeFailures = new AtomicLong();

    Collector(Store store, Logger log, int capacityBatches, int maxRows) {
        this.store = store;
        this.log = log;
        this.queue = new ArrayBlockingQueue<>(capacityBatches);
        this.maxRows = maxRows;
        this.writer = Thread.ofPlatform().name("analytics-writer").daemon(true).unstarted(this::run);
        writer.start();
    }

    /** False when the queue is full or the collector is stopping: nothing of the batch was taken. */
    boolean offer(List<Hit> hits) {
        gate.readLock().lock(); // close() cannot slip between the check and the enqueue
        try {
            if (!accepting) {
                return false;
            }
            if (hits.isEmpty()) {
                return true;
            }
            if (!queue.offer(hits)) {
                refusedFull.incrementAndGet();
                return false;
            }
            accepted.addAndGet(hits.size());
            return true;
        } finally {
            gate.readLock().unlock();
        }
    }

    boolean accepting() {
        return accepting;
    }

    int queued() {
        return queue.size();
    }

    private void run() {
        List<List<Hit>> taken = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                List<Hit> first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                taken.add(first);
                int rows = first.size();
                List<Hit> next;
                while (rows < maxRows && (next = queue.poll()) != null) {
                    taken.add(next);
                    rows += next.size();
                }
                List<Hit> all = new ArrayList<>(rows);
                taken.forEach(all::addAll);
                writeUntilDone(all);
                written.addAndGet(all.size());
                taken.clear();
            } catch (InterruptedException e) {
                // close() interrupts only to wake up; the loop drains what is left
            }
        }
    }

    private void writeUntilDone(List<Hit> all) {
        long backoff = 100;
        while (true) {
            try {
                store.write(all);
                return;
            } catch (Exception e) {
                writeFailures.incrementAndGet();
                log.warn("analytics: writing {} events failed ({}), retrying in {} ms", all.size(), e.toString(), backoff);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    // keep retrying: accepted events are not dropped
                }
                backoff = Math.min(backoff * 2, 5_000);
            }
        }
    }

    /** Waits until everything accepted so far is in the database (tests and reports use it). */
    void flush() {
        long target = accepted.get();
        while (written.get() < target && writer.isAlive()) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        gate.writeLock().lock();
        try {
            accepting = false;
        } finally {
            gate.writeLock().unlock();
        }
        running = false;
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("analytics: collector stopped, {} events accepted, {} written", accepted.get(), written.get());
    }
}

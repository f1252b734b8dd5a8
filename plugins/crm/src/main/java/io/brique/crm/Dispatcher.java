package io.brique.crm;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Delivers the outbox to the CRM. Runs as a once-per-cluster job; each run hands out the oldest due
 * update of every customer not already in flight, in batches (as large as the connector takes), to
 * worker threads, at most {@code parallel_requests} at once and within the rate limit. A slow or
 * failing customer holds only its own updates: the others keep flowing. An update is marked sent
 * only after the CRM answered 2xx, so a crash at any point means a redelivery (the receiver
 * de-duplicates by idempotency key or upsert), never a loss. A 429 pauses the whole connector for
 * {@code Retry-After}.
 */
final class Dispatcher implements AutoCloseable {

    /** How long one run keeps handing out work (the job period is 1 s; the lease allows period + 5 s). */
    private static final Duration RUN_BUDGET = Duration.ofSeconds(3);
    /** Updates of the same customer a worker sends after its head before handing back. */
    private static final int FOLLOW_ON = 20;

    private final Crm crm;
    private final ExecutorService workers = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("crm-dispatch-", 0).factory());
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    /** Customer key -> completion number: a head read before its customer's last completion is stale. */
    private final Map<String, Long> completed = new ConcurrentHashMap<>();
    private final AtomicLong completions = new AtomicLong();
    private final RateLimiter limiter = new RateLimiter();
    private final Semaphore slots = new Semaphore(64);
    private volatile Instant pausedUntil = Instant.EPOCH;
    private volatile boolean closed;

    Dispatcher(Crm crm) {
        this.crm = crm;
    }

    /** One run: returns the number of updates handed out. */
    int run() {
        long deadline = System.nanoTime() + RUN_BUDGET.toNanos();
        int handed = 0;
        while (!closed && System.nanoTime() < deadline) {
            CrmSettings.Sync s = crm.settings();
            Connector connector = Connectors.of(s, crm.context().httpClient(), crm.clock());
            Instant now = crm.clock().instant();
            if (connector == null || now.isBefore(pausedUntil)) {
                return handed;
            }
            List<String> problems = connector.problems();
            if (!problems.isEmpty()) {
                crm.context().logger().warn("CRM sync paused, settings to fix: {}", problems);
                return handed;
            }
            int parallel = Math.min(64, s.parallel());
            int free = parallel - (64 - slots.availablePermits());
            if (free <= 0) {
                sleep(20);
                continue;
            }
            List<Outbox.Item> due = new ArrayList<>();
            long before = completions.get();
            for (Outbox.Item item : crm.outbox().dueHeads(now, Math.max(50, free * connector.maxBatch() * 2))) {
                // in flight, or delivered by a worker after the query read it: not to be handed out again
                if (!inFlight.contains(item.customerKey()) && completed.getOrDefault(item.customerKey(), -1L) <= before) {
                    due.add(item);
                }
            }
            completed.values().removeIf(n -> n <= before);
            if (due.isEmpty()) {
                if (inFlight.isEmpty()) {
                    return handed;
                }
                sleep(20);
                continue;
            }
            for (int from = 0; from < due.size() && free > 0; from += connector.maxBatch(), free--) {
                List<Outbox.Item> batch = due.subList(from, Math.min(due.size(), from + connector.maxBatch()));
                if (!slots.tryAcquire()) {
                    break;
                }
                batch.forEach(i -> inFlight.add(i.customerKey()));
                handed += batch.size();
                List<Outbox.Item> copy = List.copyOf(batch);
                workers.execute(() -> deliver(connector, s, copy));
            }
            sleep(10);
        }
        return handed;
    }

    private void deliver(Connector connector, CrmSettings.Sync s, List<Outbox.Item> batch) {
        try {
            limiter.acquire(s.ratePerSecond());
            List<Connector.Outcome> outcomes = connector.deliver(batch);
            Instant now = crm.clock().instant();
            for (int i = 0; i < batch.size(); i++) {
                record(batch.get(i), outcomes.get(i), s, now);
            }
            // a single customer's update went through: go on with its next ones here, in order, without
            // waiting for the next round (a few at most, so other customers get their turn)
            Outbox.Item last = batch.get(0);
            for (int more = 0; batch.size() == 1 && outcomes.get(0).delivered() && more < FOLLOW_ON && !closed;
                    more++) {
                Outbox.Item next = crm.outbox().nextOf(last.customerKey(), last.id(), crm.clock().instant());
                if (next == null || crm.clock().instant().isBefore(pausedUntil)) {
                    break;
                }
                limiter.acquire(s.ratePerSecond());
                Connector.Outcome o = connector.deliver(List.of(next)).get(0);
                record(next, o, s, crm.clock().instant());
                if (!o.delivered()) {
                    break;
                }
                last = next;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopping: the updates stay queued and are sent again later
        } catch (RuntimeException e) {
            // a database failure while recording: the update stays queued, sent again (receiver de-duplicates)
            crm.context().logger().warn("CRM delivery bookkeeping failed: {}", e.toString());
        } finally {
            long n = completions.incrementAndGet();
            batch.forEach(i -> completed.put(i.customerKey(), n));
            batch.forEach(i -> inFlight.remove(i.customerKey()));
            slots.release();
        }
    }

    private void record(Outbox.Item item, Connector.Outcome o, CrmSettings.Sync s, Instant now) {
        if (o.delivered()) {
            crm.outbox().sent(item.id(), now);
            crm.context().count("sent", 1);
            return;
        }
        int attempts = item.attempts() + 1;
        boolean dead = o.permanent() || attempts >= s.maxAttempts();
        Duration wait = Backoff.delay(attempts, s.backoffBaseMs(), s.backoffMaxMs(), o.retryAfter());
        if (o.retryAfter() != null) {
            Instant until = now.plus(o.retryAfter());
            if (until.isAfter(pausedUntil)) {
                pausedUntil = until; // the CRM asked everyone to wait, not just this customer
            }
        }
        crm.outbox().failed(item.id(), o.error(), now.plus(wait), dead);
        crm.context().count(dead ? "dead" : "retried", 1);
        if (dead) {
            crm.context().logger().warn("CRM update {} ({}) dead after {} attempt(s): {}", item.eventId(), item.kind(),
                    attempts, o.error());
        }
    }

    /** When the connector is paused by a 429 (for the status page). */
    Instant pausedUntil() {
        return pausedUntil;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

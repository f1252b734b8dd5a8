package io.brique.core.event;

import static io.brique.core.db.jooq.Tables.OUTBOX_CONSUMER;
import static io.brique.core.db.jooq.Tables.OUTBOX_DEAD_LETTER;
import static io.brique.core.db.jooq.Tables.OUTBOX_EVENT;

import io.brique.api.event.DomainEvent;
import io.brique.api.event.DomainEventListener;
import io.brique.api.event.EventEnvelope;
import io.brique.core.db.Database;
import io.brique.core.db.jooq.tables.records.OutboxEventRecord;
import io.brique.core.ops.Metrics;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jooq.Result;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers outbox events to listeners after commit: at least once, in outbox order (so in order per
 * aggregate), each listener at its own pace from its own stored position. A lease on the consumer
 * row makes one node of a cluster deliver a given listener's events at a time. A failing delivery is
 * retried with exponential back-off, then recorded as a dead letter and skipped, so one poison event
 * never stalls a listener forever.
 *
 * <p>Outbox ids come from AUTO_INCREMENT, and a transaction that took id 9 may commit after the one
 * that took id 10. The reader therefore stops at a gap until it has seen it open for
 * {@code gapGrace}; a gap that stays open that long is a rolled-back transaction and is passed.
 */
public final class OutboxDispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxDispatcher.class);
    private static final int BATCH = 200;
    private static final int MAX_ATTEMPTS = 6;

    private final Database db;
    private final EventJson json;
    private final Clock clock;
    private final Metrics metrics;
    private final String nodeId;
    private final Duration gapGrace;
    private final Duration lease;
    private final long retryBaseMs;
    private final Map<String, Worker> workers = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    public OutboxDispatcher(Database db, EventJson json, Clock clock, Metrics metrics, String nodeId,
            Duration gapGrace, Duration retryBase) {
        this.db = db;
        this.json = json;
        this.clock = clock;
        this.metrics = metrics;
        this.nodeId = nodeId;
        this.gapGrace = gapGrace;
        this.lease = Duration.ofSeconds(30);
        this.retryBaseMs = Math.max(1, retryBase.toMillis());
    }

    /** Registers a listener; it starts from the current end of the outbox the first time it is seen. */
    public synchronized void register(String owner, DomainEventListener listener) {
        String name = listener.name();
        if (workers.containsKey(name)) {
            throw new IllegalArgumentException("a listener named " + name + " is already registered");
        }
        Long end = db.dsl().select(org.jooq.impl.DSL.max(OUTBOX_EVENT.ID)).from(OUTBOX_EVENT).fetchOne(0, Long.class);
        db.dsl().insertInto(OUTBOX_CONSUMER)
                .set(OUTBOX_CONSUMER.NAME, name)
                .set(OUTBOX_CONSUMER.LAST_EVENT_ID, end == null ? 0L : end)
                .set(OUTBOX_CONSUMER.UPDATED_AT, now())
                .onDuplicateKeyIgnore()
                .execute();
        Worker w = new Worker(owner, listener);
        workers.put(name, w);
        w.thread = Thread.ofVirtual().name("brique-events-" + name).start(w::loop);
    }

    /** Stops delivering to every listener of an owner (a plugin being stopped); positions are kept. */
    public synchronized void unregisterOwner(String owner) {
        workers.values().removeIf(w -> {
            if (w.owner.equals(owner)) {
                w.stop();
                return true;
            }
            return false;
        });
    }

    public void wakeUp() {
        for (Worker w : workers.values()) {
            w.signal.release();
        }
    }

    /** Waits until every listener has processed all events present now (tests, graceful stop). */
    public boolean drain(Duration timeout) {
        Long end = db.dsl().select(org.jooq.impl.DSL.max(OUTBOX_EVENT.ID)).from(OUTBOX_EVENT).fetchOne(0, Long.class);
        if (end == null) {
            return true;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            wakeUp();
            // Positions are read from the database: another node may hold a listener's lease.
            if (workers.isEmpty() || db.dsl().fetchCount(OUTBOX_CONSUMER, OUTBOX_CONSUMER.NAME.in(workers.keySet())
                    .and(OUTBOX_CONSUMER.LAST_EVENT_ID.lt(end))) == 0) {
                return true;
            }
            sleep(20);
        }
        return false;
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
    }

    private final class Worker {
        final String owner;
        final DomainEventListener listener;
        final Semaphore signal = new Semaphore(0);
        volatile boolean active = true;
        Thread thread;
        int attempts;
        long retryAtNanos;
        long gapId = -1;
        long gapSeenAtNanos;

        Worker(String owner, DomainEventListener listener) {
            this.owner = owner;
            this.listener = listener;
        }

        void stop() {
            active = false;
            signal.release();
            if (thread != null) {
                try {
                    thread.join(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            release();
        }

        void loop() {
            while (active && running) {
                try {
                    long untilRetry = retryAtNanos - System.nanoTime();
                    signal.tryAcquire(untilRetry > 0 ? Math.min(untilRetry, 1_000_000_000L) : 1_000_000_000L,
                            TimeUnit.NANOSECONDS);
                    signal.drainPermits();
                    while (active && running && System.nanoTime() >= retryAtNanos && deliverBatch()) {
                        // keep going while full batches come back
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    LOG.warn("event delivery to {} paused: {}", listener.name(), e.toString());
                    sleep(1000);
                }
            }
        }

        private boolean acquireLease() {
            LocalDateTime now = now();
            int n = db.dsl().update(OUTBOX_CONSUMER)
                    .set(OUTBOX_CONSUMER.OWNER, nodeId)
                    .set(OUTBOX_CONSUMER.LEASE_UNTIL, now.plus(lease))
                    .where(OUTBOX_CONSUMER.NAME.eq(listener.name()))
                    .and(OUTBOX_CONSUMER.OWNER.isNull().or(OUTBOX_CONSUMER.OWNER.eq(nodeId))
                            .or(OUTBOX_CONSUMER.LEASE_UNTIL.lt(now)))
                    .execute();
            return n == 1;
        }

        private void release() {
            try {
                db.dsl().update(OUTBOX_CONSUMER).setNull(OUTBOX_CONSUMER.OWNER)
                        .where(OUTBOX_CONSUMER.NAME.eq(listener.name())).and(OUTBOX_CONSUMER.OWNER.eq(nodeId))
                        .execute();
            } catch (RuntimeException e) {
                LOG.debug("could not release lease of {}: {}", listener.name(), e.toString());
            }
        }

        /** Delivers up to one batch; true when a full batch was processed (more may be waiting). */
        private boolean deliverBatch() {
            if (!acquireLease()) {
                return false;
            }
            long last = db.dsl().select(OUTBOX_CONSUMER.LAST_EVENT_ID).from(OUTBOX_CONSUMER)
                    .where(OUTBOX_CONSUMER.NAME.eq(listener.name())).fetchOne(OUTBOX_CONSUMER.LAST_EVENT_ID);
            Result<OutboxEventRecord> rows = db.dsl().selectFrom(OUTBOX_EVENT).where(OUTBOX_EVENT.ID.gt(last))
                    .orderBy(OUTBOX_EVENT.ID).limit(BATCH).fetch();
            if (rows.isEmpty()) {
                return false;
            }
            long expected = last + 1;
            long done = last;
            boolean stoppedEarly = false;
            for (OutboxEventRecord row : rows) {
                if (!active || !running) {
                    stoppedEarly = true;
                    break;
                }
                if (row.getId() != expected && !gapExpired(expected)) {
                    stoppedEarly = true; // a transaction holding a lower id may still commit
                    break;
                }
                if (!deliver(row)) {
                    stoppedEarly = true; // retry later, from this event
                    break;
                }
                done = row.getId();
                expected = done + 1;
            }
            if (done > last) {
                db.dsl().update(OUTBOX_CONSUMER).set(OUTBOX_CONSUMER.LAST_EVENT_ID, done)
                        .set(OUTBOX_CONSUMER.UPDATED_AT, now())
                        .where(OUTBOX_CONSUMER.NAME.eq(listener.name())).and(OUTBOX_CONSUMER.OWNER.eq(nodeId))
                        .execute();
            }
            return !stoppedEarly && rows.size() == BATCH;
        }

        /**
         * A missing id is passed only after this worker has seen it missing for the grace period
         * (measured here, on one clock), never judged by the timestamps of other rows: a slow
         * transaction's event must not be skipped because later rows carry old times.
         */
        private boolean gapExpired(long missingId) {
            long nowNanos = System.nanoTime();
            if (gapId != missingId) {
                gapId = missingId;
                gapSeenAtNanos = nowNanos;
                return false;
            }
            if (nowNanos - gapSeenAtNanos < gapGrace.toNanos()) {
                return false;
            }
            LOG.info("outbox id {} never committed (rolled back) after {} ms; {} goes on", missingId,
                    (nowNanos - gapSeenAtNanos) / 1_000_000, listener.name());
            gapId = -1;
            return true;
        }

        /** True when the event is done with (delivered, not wanted, or dead-lettered). */
        private boolean deliver(OutboxEventRecord row) {
            List<String> wanted = List.copyOf(listener.eventTypes());
            if (!wanted.isEmpty() && !wanted.contains(row.getType())) {
                return true;
            }
            DomainEvent event;
            try {
                event = json.read(row.getType(), row.getPayload());
            } catch (IllegalArgumentException e) {
                LOG.warn("skipping unreadable event {} ({}) for {}: {}", row.getId(), row.getType(), listener.name(),
                        e.getMessage());
                return true;
            }
            EventEnvelope envelope = new EventEnvelope(row.getId(), row.getEventId(),
                    row.getOccurredAt().toInstant(ZoneOffset.UTC), event);
            try {
                listener.onEvent(envelope);
                attempts = 0;
                metrics.eventDelivered(listener.name());
                return true;
            } catch (Exception | LinkageError e) {
                attempts++;
                metrics.eventFailed(listener.name());
                if (attempts >= MAX_ATTEMPTS) {
                    LOG.error("event {} ({}) dead-lettered for {} after {} attempts: {}", row.getId(), row.getType(),
                            listener.name(), attempts, e.toString());
                    db.dsl().insertInto(OUTBOX_DEAD_LETTER)
                            .set(OUTBOX_DEAD_LETTER.CONSUMER, listener.name())
                            .set(OUTBOX_DEAD_LETTER.OUTBOX_ID, row.getId())
                            .set(OUTBOX_DEAD_LETTER.ATTEMPTS, attempts)
                            .set(OUTBOX_DEAD_LETTER.LAST_ERROR, truncate(e.toString(), 2000))
                            .set(OUTBOX_DEAD_LETTER.CREATED_AT, now())
                            .execute();
                    attempts = 0;
                    return true;
                }
                long backoffMs = Math.min(30_000, retryBaseMs << attempts);
                retryAtNanos = System.nanoTime() + backoffMs * 1_000_000;
                LOG.warn("event {} ({}) failed for {} (attempt {}), retry in {} ms: {}", row.getId(), row.getType(),
                        listener.name(), attempts, backoffMs, e.toString());
                return false;
            }
        }
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
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
        running = false;
        for (Worker w : workers.values()) {
            w.stop();
        }
        workers.clear();
    }
}

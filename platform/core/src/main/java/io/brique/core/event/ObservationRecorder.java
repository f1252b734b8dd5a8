package io.brique.core.event;

import static io.brique.core.db.jooq.Tables.OUTBOX_EVENT;

import io.brique.api.event.DomainEvent;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records observations that change no data (product viewed, search performed, list viewed) into the
 * same outbox, but off the request path: a bounded queue drained in batches by one thread. A page
 * view never waits for a database write; when the queue is full the observation is dropped and
 * counted (observations are best-effort, state changes never are). A graceful stop flushes the queue.
 */
public final class ObservationRecorder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ObservationRecorder.class);
    private static final int BATCH = 500;

    private record Pending(String eventId, DomainEvent event, LocalDateTime at) {
    }

    private final DSLContext dsl;
    private final EventJson json;
    private final Clock clock;
    private final Runnable wakeUp;
    private final BlockingQueue<Pending> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private volatile boolean running = true;

    public ObservationRecorder(DSLContext dsl, EventJson json, Clock clock, Runnable wakeUp, int capacity) {
        this.dsl = dsl;
        this.json = json;
        this.clock = clock;
        this.wakeUp = wakeUp;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer = Thread.ofPlatform().name("brique-observations").daemon(true).start(this::loop);
    }

    public void record(DomainEvent event) {
        LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
        if (!running || !queue.offer(new Pending(UUID.randomUUID().toString(), event, now))) {
            dropped.incrementAndGet();
        }
    }

    public long dropped() {
        return dropped.get();
    }

    public int queued() {
        return queue.size();
    }

    private void loop() {
        List<Pending> batch = new ArrayList<>(BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            } catch (RuntimeException e) {
                // The database is away: keep the batch and try again shortly rather than lose it.
                LOG.warn("could not record {} observation(s), retrying: {}", batch.size(), e.getMessage());
                sleepQuietly(1000);
                continue;
            }
            batch.clear();
        }
        if (!batch.isEmpty()) {
            try {
                write(batch);
            } catch (RuntimeException e) {
                LOG.warn("dropping {} observation(s) at shutdown: {}", batch.size(), e.getMessage());
            }
        }
    }

    private void write(List<Pending> batch) {
        var step = dsl.insertInto(OUTBOX_EVENT, OUTBOX_EVENT.EVENT_ID, OUTBOX_EVENT.TYPE, OUTBOX_EVENT.AGGREGATE_TYPE,
                OUTBOX_EVENT.AGGREGATE_ID, OUTBOX_EVENT.PAYLOAD, OUTBOX_EVENT.OCCURRED_AT, OUTBOX_EVENT.CREATED_AT);
        for (Pending p : batch) {
            step = step.values(p.eventId(), p.event().type(), p.event().aggregateType(), p.event().aggregateId(),
                    json.write(p.event()), p.at(), p.at());
        }
        step.execute();
        wakeUp.run();
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops accepting, writes what is queued, waits for the writer. */
    @Override
    public void close() {
        running = false;
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

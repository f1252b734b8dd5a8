package io.brique.core.event;

import static io.brique.core.db.jooq.Tables.OUTBOX_EVENT;

import io.brique.api.event.DomainEvent;
import io.brique.core.db.Tx;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Writes domain events into the outbox inside the caller's transaction, so an event exists if and
 * only if the change it describes committed; wakes the dispatcher after commit.
 */
public final class EventPublisher {

    private final EventJson json;
    private final Clock clock;
    private final Runnable wakeUp;

    public EventPublisher(EventJson json, Clock clock, Runnable wakeUp) {
        this.json = json;
        this.clock = clock;
        this.wakeUp = wakeUp;
    }

    public void publish(Tx tx, DomainEvent event) {
        LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
        tx.dsl().insertInto(OUTBOX_EVENT)
                .set(OUTBOX_EVENT.EVENT_ID, UUID.randomUUID().toString())
                .set(OUTBOX_EVENT.TYPE, event.type())
                .set(OUTBOX_EVENT.AGGREGATE_TYPE, event.aggregateType())
                .set(OUTBOX_EVENT.AGGREGATE_ID, event.aggregateId())
                .set(OUTBOX_EVENT.PAYLOAD, json.write(event))
                .set(OUTBOX_EVENT.OCCURRED_AT, now)
                .set(OUTBOX_EVENT.CREATED_AT, now)
                .execute();
        tx.afterCommit(wakeUp);
    }
}

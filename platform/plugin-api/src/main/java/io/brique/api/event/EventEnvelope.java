package io.brique.api.event;

import java.time.Instant;

/**
 * A delivered event: its position in the outbox (increasing, per cluster), its unique id (use it to
 * de-duplicate: delivery is at least once), when it happened and the event itself.
 */
public record EventEnvelope(long sequence, String eventId, Instant occurredAt, DomainEvent event) {

    public String type() {
        return event.type();
    }
}

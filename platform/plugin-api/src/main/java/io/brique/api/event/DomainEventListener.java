package io.brique.api.event;

import java.util.Set;

/**
 * Receives domain events asynchronously, after the transaction that produced them committed.
 * Delivery is at least once and in order; a listener that throws gets the same event again later
 * (with back-off), then the event goes to the dead-letter list. Listeners never block checkout.
 */
public interface DomainEventListener extends org.pf4j.ExtensionPoint {

    /** Stable name; the delivery position is stored under it. */
    String name();

    /** Event types this listener wants; an empty set means all. */
    default Set<String> eventTypes() {
        return Set.of();
    }

    void onEvent(EventEnvelope envelope) throws Exception;
}

package io.brique.api.event;

/**
 * A fact that happened in the shop. Implementations are immutable records; the event type name
 * ({@link #type()}) is stable and part of the SDK contract, the class name is not.
 */
public interface DomainEvent {

    /** Stable type name, e.g. {@code order.placed}. */
    String type();

    /** What the event is about, e.g. {@code order}; events are delivered in order per aggregate. */
    String aggregateType();

    /** Identifier of the aggregate instance. */
    String aggregateId();
}

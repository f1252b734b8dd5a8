package io.brique.api.customer;

import io.brique.api.event.DomainEvent;

/** The domain events of {@link CustomerMerges} (since SDK 1.2). */
public final class CustomerMergeEvents {

    private CustomerMergeEvents() {
    }

    /** The merged customer's orders and addresses now belong to the survivor; move your own data likewise. */
    public record CustomerMerged(long mergeId, long survivorId, long mergedId, int ordersMoved, int addressesMoved)
            implements DomainEvent {
        public String type() { return "customer.merged"; }
        public String aggregateType() { return "customer"; }
        public String aggregateId() { return Long.toString(survivorId); }
    }

    /** A merge was undone: what moved to the survivor belongs to the merged customer again. */
    public record CustomerMergeUndone(long mergeId, long survivorId, long mergedId) implements DomainEvent {
        public String type() { return "customer.merge_undone"; }
        public String aggregateType() { return "customer"; }
        public String aggregateId() { return Long.toString(survivorId); }
    }
}

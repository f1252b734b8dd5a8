package io.brique.api.customer;

import java.util.Optional;

/**
 * Merging two customer accounts of the same person, a core operation offered to plugins (since SDK
 * 1.2; {@code PluginContext.customerMerges()}). Plugins never write core tables: an identity
 * resolver decides, the core moves the orders and addresses of {@code mergedId} to {@code survivorId},
 * carries the most recent consent decisions over, closes the merged account (it can no longer log in)
 * and publishes {@link CustomerMergeEvents.CustomerMerged} so other bricks (loyalty points, CRM
 * contacts) move their own data. Every merge is recorded with its actor and can be undone: undo gives
 * back exactly what the merge moved and publishes {@link CustomerMergeEvents.CustomerMergeUndone}.
 */
public interface CustomerMerges {

    /**
     * Merges {@code mergedId} into {@code survivorId}. Refused ({@link MergeRefused}) when either
     * account does not exist or is not active, or when they are the same.
     */
    Merge merge(long survivorId, long mergedId, String actor, String reason);

    /** Undoes a merge that is not undone yet; refused when unknown or already undone. */
    Merge undo(long mergeId, String actor);

    Optional<Merge> find(long mergeId);

    /** A merge as recorded; {@code status} is {@code done} or {@code undone}. */
    record Merge(long id, long survivorId, long mergedId, String status, int ordersMoved, int addressesMoved,
            String actor) {
    }

    /** A merge or undo the core will not do; {@code code}: not_found, not_active, same_customer, already_undone. */
    final class MergeRefused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String code;

        public MergeRefused(String code, String message) {
            super(message);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }
}

package io.brique.core.catalog;

import io.brique.api.event.DomainEvent;

/**
 * A category was created or changed (names, slugs, parent, position, status). Core event
 * ({@code category.changed}, not in the SDK yet): every node reloads its category tree and empties its
 * product page cache when it arrives.
 */
public record CategoryChanged(long categoryId, String change) implements DomainEvent {
    @Override
    public String type() {
        return "category.changed";
    }

    @Override
    public String aggregateType() {
        return "category";
    }

    @Override
    public String aggregateId() {
        return Long.toString(categoryId);
    }
}

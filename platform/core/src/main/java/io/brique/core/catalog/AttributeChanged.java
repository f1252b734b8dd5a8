package io.brique.core.catalog;

import io.brique.api.event.DomainEvent;

/**
 * A product attribute definition was created, changed (labels, filterable) or deleted. Core event
 * ({@code attribute.changed}): every node reloads its filterable attributes and empties its product
 * page cache (facet labels are on the listing pages).
 */
public record AttributeChanged(long attributeId, String change) implements DomainEvent {
    @Override
    public String type() {
        return "attribute.changed";
    }

    @Override
    public String aggregateType() {
        return "attribute";
    }

    @Override
    public String aggregateId() {
        return Long.toString(attributeId);
    }
}

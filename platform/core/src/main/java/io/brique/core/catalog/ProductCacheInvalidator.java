package io.brique.core.catalog;

import io.brique.api.event.DomainEventListener;
import io.brique.api.event.EventEnvelope;
import io.brique.api.event.Events;
import java.util.Set;

/**
 * Drops a product's cached pages on this node when it changes anywhere in the cluster, and reloads the
 * category tree (emptying the page cache) when a category changes.
 */
final class ProductCacheInvalidator implements DomainEventListener {

    private final CatalogService catalog;
    private final String nodeId;

    ProductCacheInvalidator(CatalogService catalog, String nodeId) {
        this.catalog = catalog;
        this.nodeId = nodeId;
    }

    @Override
    public String name() {
        return "catalog-cache@" + nodeId;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of("product.changed", "category.changed");
    }

    @Override
    public void onEvent(EventEnvelope envelope) {
        if (envelope.event() instanceof Events.ProductChanged changed) {
            catalog.productChanged(changed.productId());
        } else if (envelope.event() instanceof CategoryChanged) {
            catalog.catalogChanged(); // the tree, and every cached page (breadcrumbs, category names)
        }
    }
}

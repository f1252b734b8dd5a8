package io.brique.core.catalog;

import io.brique.api.event.DomainEventListener;
import io.brique.api.event.EventEnvelope;
import io.brique.api.event.Events;
import java.util.Set;

/**
 * Drops a product's cached pages and updates its search documents on this node when it changes anywhere
 * in the cluster, and reloads the category tree (emptying the page cache, rebuilding the search index:
 * category names are in every document) when a category or an attribute definition changes.
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
        return Set.of("product.changed", "category.changed", "attribute.changed");
    }

    @Override
    public void onEvent(EventEnvelope envelope) {
        if (envelope.event() instanceof Events.ProductChanged changed) {
            catalog.productsChanged(java.util.List.of(changed.productId()));
        } else if (envelope.event() instanceof CategoryChanged || envelope.event() instanceof AttributeChanged) {
            catalog.catalogChanged(); // the tree, and every cached page (breadcrumbs, category names)
        }
    }
}

package io.brique.core.search;

import io.brique.api.event.DomainEventListener;
import io.brique.api.event.EventEnvelope;
import io.brique.api.event.Events;
import java.util.Set;

/**
 * This node's listener for the search: feeds its {@link PopularQueries} with the searches performed
 * anywhere in the cluster, and re-indexes the products of a placed order (their stock was reserved, so
 * the "in stock" filter and facet follow; orders emit no {@code product.changed}).
 */
public final class SearchEventsListener implements DomainEventListener {

    private final PopularQueries popular;
    private final java.util.function.Consumer<java.util.Collection<Long>> productsChanged;
    private final String nodeId;

    public SearchEventsListener(PopularQueries popular,
            java.util.function.Consumer<java.util.Collection<Long>> productsChanged, String nodeId) {
        this.popular = popular;
        this.productsChanged = productsChanged;
        this.nodeId = nodeId;
    }

    @Override
    public String name() {
        return "search-popular@" + nodeId;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of("search.performed", "order.placed");
    }

    @Override
    public void onEvent(EventEnvelope envelope) {
        if (envelope.event() instanceof Events.SearchPerformed s) {
            popular.record(s.query(), s.locale(), s.resultCount());
        } else if (envelope.event() instanceof Events.OrderPlaced o && !o.lines().isEmpty()) {
            productsChanged.accept(o.lines().stream().map(Events.OrderLine::productId).distinct().toList());
        }
    }
}

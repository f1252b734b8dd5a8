package io.brique.core.search;

import io.brique.api.event.DomainEventListener;
import io.brique.api.event.EventEnvelope;
import io.brique.api.event.Events;
import java.util.Set;

/**
 * This node's listener for the search: feeds its {@link PopularQueries} with the searches performed
 * anywhere in the cluster, and re-indexes the products of an order whose stock moved: placed (stock
 * reserved), cancelled or refunded (reservations released, units restocked), so the "in stock" filter
 * and facet follow; orders emit no {@code product.changed}.
 */
public final class SearchEventsListener implements DomainEventListener {

    private final PopularQueries popular;
    private final java.util.function.Consumer<java.util.Collection<Long>> productsChanged;
    private final java.util.function.LongFunction<java.util.List<Long>> orderProducts;
    private final String nodeId;

    /** orderProducts: the product ids of an order's lines (read from the database). */
    public SearchEventsListener(PopularQueries popular,
            java.util.function.Consumer<java.util.Collection<Long>> productsChanged,
            java.util.function.LongFunction<java.util.List<Long>> orderProducts, String nodeId) {
        this.popular = popular;
        this.productsChanged = productsChanged;
        this.orderProducts = orderProducts;
        this.nodeId = nodeId;
    }

    @Override
    public String name() {
        return "search-popular@" + nodeId;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of("search.performed", "order.placed", "order.cancelled", "order.refunded");
    }

    @Override
    public void onEvent(EventEnvelope envelope) {
        if (envelope.event() instanceof Events.SearchPerformed s) {
            popular.record(s.query(), s.locale(), s.resultCount());
        } else if (envelope.event() instanceof Events.OrderPlaced o && !o.lines().isEmpty()) {
            productsChanged.accept(o.lines().stream().map(Events.OrderLine::productId).distinct().toList());
        } else if (envelope.event() instanceof Events.OrderStatusChanged o) {
            java.util.List<Long> ids = orderProducts.apply(o.orderId());
            if (!ids.isEmpty()) {
                productsChanged.accept(ids);
            }
        }
    }
}

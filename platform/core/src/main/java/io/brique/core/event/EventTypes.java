package io.brique.core.event;

import io.brique.api.event.DomainEvent;
import io.brique.api.event.Events;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Maps stable event type names to their record classes, to read events back from the outbox. */
public final class EventTypes {

    private final Map<String, Class<? extends DomainEvent>> byType = new ConcurrentHashMap<>();

    public EventTypes() {
        register("product.viewed", Events.ProductViewed.class);
        register("product_list.viewed", Events.ProductListViewed.class);
        register("product.changed", Events.ProductChanged.class);
        register("search.performed", Events.SearchPerformed.class);
        register("cart.changed", Events.CartChanged.class);
        register("customer.registered", Events.CustomerRegistered.class);
        register("customer.logged_in", Events.CustomerLoggedIn.class);
        register("customer.updated", Events.CustomerUpdated.class);
        register("order.placed", Events.OrderPlaced.class);
        for (String s : new String[] {"paid", "shipped", "delivered", "cancelled", "refunded"}) {
            register("order." + s, Events.OrderStatusChanged.class);
        }
        register("order.refund_issued", Events.OrderRefunded.class);
        register("checkout.step", io.brique.api.event.CheckoutStep.class);
        register("customer.merged", io.brique.api.customer.CustomerMergeEvents.CustomerMerged.class);
        register("customer.merge_undone", io.brique.api.customer.CustomerMergeEvents.CustomerMergeUndone.class);
        register("category.changed", io.brique.core.catalog.CategoryChanged.class);
        register("attribute.changed", io.brique.core.catalog.AttributeChanged.class);
    }

    public void register(String type, Class<? extends DomainEvent> cls) {
        byType.put(type, cls);
    }

    public Optional<Class<? extends DomainEvent>> find(String type) {
        return Optional.ofNullable(byType.get(type));
    }
}

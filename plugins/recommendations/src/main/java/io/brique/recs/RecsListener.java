package io.brique.recs;

import io.brique.api.catalog.CatalogFacts;
import io.brique.api.event.DomainEventListener;
import io.brique.api.event.EventEnvelope;
import io.brique.api.event.Events;
import io.brique.api.plugin.PluginContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Learns from the shop's domain events: orders (what is bought together, what each customer bought),
 * product views and cart adds (sessions, recently viewed), product changes (stock and status flags of
 * the served model, at once). Stores each event once (keyed by its id) and updates the in-memory
 * histories so the next page already knows.
 */
@Extension
public class RecsListener implements DomainEventListener {

    private final PluginContext context;

    public RecsListener(PluginContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "recommendations-learner";
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of("order.placed", "product.viewed", "cart.changed", "product.changed");
    }

    @Override
    public void onEvent(EventEnvelope envelope) throws Exception {
        Recs recs = Recs.of(context);
        var at = envelope.occurredAt();
        switch (envelope.event()) {
            case Events.OrderPlaced o -> {
                List<EventStore.Row> rows = new ArrayList<>();
                for (Events.OrderLine l : o.lines()) {
                    rows.add(new EventStore.Row('o', o.customerId(), null, "o" + o.orderId(), l.productId(), at));
                }
                if (recs.events.record(envelope.eventId(), rows) && o.customerId() != null) {
                    String shopper = Histories.key(o.customerId(), null);
                    for (Events.OrderLine l : o.lines()) {
                        recs.histories.bought(o.customerId(), l.productId());
                    }
                    recs.experiments.followed(shopper, Experiments.ORDERS, 0, o.totalMinor(), at);
                }
            }
            case Events.ProductViewed v -> {
                String shopper = Histories.key(v.customerId(), v.visitorId());
                if (shopper != null && recs.events.record(envelope.eventId(), List.of(new EventStore.Row('v',
                        v.customerId(), v.visitorId(), null, v.productId(), at)))) {
                    recs.histories.viewed(shopper, v.productId());
                    recs.experiments.followed(shopper, Experiments.CLICKS, v.productId(), 0, at);
                }
            }
            case Events.CartChanged c when c.quantityAfter() > c.quantityBefore() -> {
                String shopper = Histories.key(c.customerId(), null);
                if (recs.events.record(envelope.eventId(), List.of(new EventStore.Row('c', c.customerId(),
                        c.customerId() == null ? c.cartToken() : null, "c" + c.cartToken(), c.productId(), at)))) {
                    recs.experiments.followed(shopper, Experiments.ADDS, c.productId(), 0, at);
                }
            }
            case Events.ProductChanged p -> {
                try {
                    for (CatalogFacts.Product f : context.catalog().products(List.of(p.productId()), "en")) {
                        recs.serving().model().flags(f.id(), f.active(), f.inStock());
                    }
                } catch (UnsupportedOperationException e) {
                    // an older shop: flags are refreshed at the next training
                }
            }
            default -> { }
        }
    }
}

package io.brique.loyalty;

import io.brique.api.event.DomainEventListener;
import io.brique.api.event.EventEnvelope;
import io.brique.api.event.Events;
import io.brique.api.plugin.PluginContext;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Earning and reversal from the core's events. Delivery is at least once: every step is keyed
 * (order number, customer id), so a redelivered event changes nothing.
 */
@Extension
public class LoyaltyListener implements DomainEventListener {

    private final LoyaltyService loyalty;

    public LoyaltyListener(PluginContext context) {
        this.loyalty = new LoyaltyService(context);
    }

    @Override
    public String name() {
        return "loyalty-ledger";
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of("order.placed", "order.cancelled", "order.refund_issued", "customer.registered");
    }

    @Override
    public void onEvent(EventEnvelope envelope) {
        switch (envelope.event()) {
            case Events.OrderPlaced o -> loyalty.orderPlaced(o, envelope.occurredAt());
            case Events.OrderStatusChanged s when "cancelled".equals(s.toStatus()) -> loyalty.orderCancelled(s.number());
            case Events.OrderRefunded r -> loyalty.orderRefunded(r);
            case Events.CustomerRegistered c -> loyalty.customerRegistered(c);
            default -> {
                // not ours
            }
        }
    }
}

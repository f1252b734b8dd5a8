package io.brique.crm.identity;

import io.brique.api.event.DomainEventListener;
import io.brique.api.event.EventEnvelope;
import io.brique.api.event.Events;
import io.brique.api.plugin.PluginContext;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Checks each new registration and each order (guest orders included) at once. At-least-once
 * delivery is harmless: records are upserted by key and pairs by their two records.
 */
@Extension
public class IdentityListener implements DomainEventListener {
    private final IdentityService identity;

    public IdentityListener(PluginContext context) {
        this.identity = new IdentityService(context);
    }

    @Override
    public String name() {
        return "crm-identity";
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of("customer.registered", "order.placed");
    }

    @Override
    public void onEvent(EventEnvelope envelope) {
        switch (envelope.event()) {
            case Events.CustomerRegistered c -> identity.customerRegistered(c);
            case Events.OrderPlaced o -> identity.orderPlaced(o);
            default -> {
                // not ours
            }
        }
    }
}

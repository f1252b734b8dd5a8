package io.brique.crm;

import io.brique.api.event.DomainEventListener;
import io.brique.api.event.EventEnvelope;
import io.brique.api.event.Events;
import io.brique.api.plugin.PluginContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Turns the shop's events into CRM updates in the plugin's outbox, in the same transaction as the
 * plugin's own bookkeeping (known customers, carts, timeline). Idempotent per event id: the core
 * delivers at least once, and a redelivered event finds its outbox row and adds nothing. Nothing is
 * sent here: the {@link Dispatcher} does it, so a slow CRM never slows the shop's event delivery.
 */
@Extension
public class CrmListener implements DomainEventListener {

    private final Crm crm;

    public CrmListener(PluginContext context) {
        this.crm = Crm.of(context);
    }

    @Override
    public String name() {
        return "crm-outbox";
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of("customer.registered", "customer.updated", "order.placed", "order.paid", "order.shipped",
                "order.delivered", "order.cancelled", "order.refunded", "order.refund_issued", "cart.changed");
    }

    @Override
    public void onEvent(EventEnvelope e) {
        crm.db().tx(c -> {
            handle(c, e);
            return null;
        });
    }

    private void handle(Connection c, EventEnvelope e) throws SQLException {
        var now = crm.clock().instant();
        switch (e.event()) {
            case Events.CustomerRegistered r -> {
                crm.mirror().saveCustomer(c, new ShopMirror.Customer(r.customerId(), r.email(), r.firstName(),
                        r.lastName(), r.locale(), r.consentMarketing()), now);
                String key = Messages.customerKey(r.customerId(), null);
                crm.outbox().enqueue(c, e.eventId(), key, Messages.CONTACT_UPSERT, Long.toString(r.customerId()),
                        Messages.envelope(e.eventId(), Messages.CONTACT_UPSERT, e.occurredAt(), key,
                                Messages.contact(r.customerId(), r.email(), r.firstName(), r.lastName(), r.locale(),
                                        r.consentMarketing(), "registered")), e.occurredAt(), now);
            }
            case Events.CustomerUpdated u -> {
                // The event carries no details: send what the shop's directory says now (consent included),
                // else what the plugin knew.
                ShopMirror.Customer k = crm.currentCustomer(c, u.customerId(), now);
                String key = Messages.customerKey(u.customerId(), null);
                crm.outbox().enqueue(c, e.eventId(), key, Messages.CONTACT_UPSERT, Long.toString(u.customerId()),
                        Messages.envelope(e.eventId(), Messages.CONTACT_UPSERT, e.occurredAt(), key, k == null
                                ? Messages.contact(u.customerId(), null, null, null, null, null, u.change())
                                : Messages.contact(u.customerId(), k.email(), k.firstName(), k.lastName(), k.locale(),
                                        k.consentMarketing(), u.change())), e.occurredAt(), now);
            }
            case Events.OrderPlaced o -> {
                String key = Messages.customerKey(o.customerId(), o.number());
                crm.outbox().enqueue(c, e.eventId(), key, Messages.ORDER_PLACED, o.number(), Messages.envelope(
                        e.eventId(), Messages.ORDER_PLACED, e.occurredAt(), key, Messages.order(o)), e.occurredAt(),
                        now);
                if (o.customerId() != null) {
                    crm.timeline().add(c, o.customerId(), "shop", o.storeId() != null ? "store_order" : "order",
                            "Order " + o.number() + " · " + Messages.decimal(o.totalMinor(), o.currency()) + " "
                                    + o.currency() + (o.storeId() != null ? " · store " + o.storeId() : " · online"),
                            o.lines().size() + " line(s)", "shop:" + e.eventId(), e.occurredAt());
                }
                if (o.cartToken() != null) {
                    crm.carts().ordered(c, o.cartToken(), o.number(), e.occurredAt());
                }
            }
            case Events.OrderStatusChanged s -> {
                String key = Messages.customerKey(s.customerId(), s.number());
                crm.outbox().enqueue(c, e.eventId(), key, Messages.ORDER_STATUS, s.number(), Messages.envelope(
                        e.eventId(), Messages.ORDER_STATUS, e.occurredAt(), key, Messages.status(s)), e.occurredAt(),
                        now);
                if (s.customerId() != null) {
                    crm.timeline().add(c, s.customerId(), "shop", "order_status", "Order " + s.number() + ": "
                            + s.fromStatus() + " → " + s.toStatus(), null, "shop:" + e.eventId(), e.occurredAt());
                }
            }
            case Events.OrderRefunded r -> {
                String key = Messages.customerKey(r.customerId(), r.number());
                crm.outbox().enqueue(c, e.eventId(), key, Messages.ORDER_REFUNDED, r.number(), Messages.envelope(
                        e.eventId(), Messages.ORDER_REFUNDED, e.occurredAt(), key, Messages.refund(r)), e.occurredAt(),
                        now);
                if (r.customerId() != null) {
                    crm.timeline().add(c, r.customerId(), "shop", "refund", "Refund on order " + r.number() + " · "
                            + Messages.decimal(r.amountMinor(), r.currency()) + " " + r.currency(), r.reason(),
                            "shop:" + e.eventId(), e.occurredAt());
                }
            }
            case Events.CartChanged cc -> crm.mirror().cartChanged(c, cc.cartToken(), cc.customerId(), cc.variantId(),
                    cc.sku(), cc.quantityAfter(), cc.unitPriceMinor(), cc.currency(), e.occurredAt());
            default -> {
                // not ours
            }
        }
    }
}

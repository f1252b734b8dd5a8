package io.brique.analytics;

import io.brique.api.event.CheckoutStep;
import io.brique.api.event.DomainEventListener;
import io.brique.api.event.EventEnvelope;
import io.brique.api.event.Events;
import io.brique.api.plugin.PluginContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Server-side collection from the core's domain events (delivered after commit, at least once).
 * Each event becomes one stored hit keyed by the event id (a redelivery is recognised by the unique
 * {@code event_uid} and ignored); orders, status changes and refunds also maintain
 * {@code analytics_order}, whose revenue is net of refunds. Server hits of anonymous shoppers have no
 * visitor ({@code -}): they count in product, search and order reports, not in visits.
 */
@Extension
public class ServerEvents implements DomainEventListener {

    private final PluginContext context;

    public ServerEvents(PluginContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "analytics-server-events";
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of("product.viewed", "product_list.viewed", "search.performed", "cart.changed",
                "checkout.step", "customer.registered", "customer.logged_in", "order.placed", "order.paid", "order.shipped",
                "order.delivered", "order.cancelled", "order.refunded", "order.refund_issued");
    }

    @Override
    public void onEvent(EventEnvelope envelope) throws SQLException {
        Analytics a = Analytics.of(context);
        boolean consented = Settings.consentedMode(context.settings());
        Hit hit = toHit(a, envelope, consented);
        try (Connection c = context.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try {
                if (hit != null) {
                    a.store.write(c, List.of(hit));
                }
                orders(c, a, envelope, consented);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                    return; // this event id is stored already: a redelivery
                }
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** The visitor of a server hit: the customer in consented mode, else nobody. */
    private static String visitor(Long customerId, boolean consented) {
        return consented && customerId != null ? "c:" + customerId : "-";
    }

    static String cartKey(String cartToken) {
        return cartToken == null ? null : "cart:" + Privacy.hash("cart|" + cartToken).substring(0, 24);
    }

    private static Hit hit(Analytics a, EventEnvelope e, String name, Long customerId, boolean consented, Long value,
            String currency, String transactionId, String term, Integer results, String target, List<Hit.Item> items) {
        Long cid = consented ? customerId : null;
        return new Hit(a.ids.next(a.context.clock().millis()), e.eventId(), e.occurredAt(), name, "server",
                visitor(customerId, consented), cid, consented && cid != null, null, null, null, null, null, null, value,
                currency, transactionId, term, results, target, items);
    }

    private static Hit toHit(Analytics a, EventEnvelope e, boolean consented) {
        return switch (e.event()) {
            case Events.ProductViewed v -> hit(a, e, "view_item", v.customerId(), consented, null, null, null, null, null,
                    null, List.of(new Hit.Item(Long.toString(v.productId()), null, null, null, 1)));
            case Events.ProductListViewed v -> hit(a, e, "view_item_list", v.customerId(), consented, null, null, null,
                    null, v.resultCount(), cut(v.listId(), 200), List.of());
            case Events.SearchPerformed v -> hit(a, e, "search", v.customerId(), consented, null, null, null,
                    cut(v.query(), 200), v.resultCount(), null, List.of());
            case Events.CartChanged v -> {
                int delta = v.quantityAfter() - v.quantityBefore();
                if (delta == 0) {
                    yield null;
                }
                yield hit(a, e, delta > 0 ? "add_to_cart" : "remove_from_cart", v.customerId(), consented,
                        Math.abs(delta) * v.unitPriceMinor(), v.currency(), null, null, null, cartKey(v.cartToken()),
                        List.of(new Hit.Item(Long.toString(v.productId()), cut(v.sku(), 200), null, v.unitPriceMinor(),
                                Math.abs(delta))));
            }
            // begin checkout, shipping and payment: the same cart key as the cart events, so an anonymous
            // shopper's steps join the web visit that reported that cart (funnels in audience mode)
            case CheckoutStep v -> !CollectParser.NAMES.contains(v.step()) ? null : hit(a, e, v.step(), v.customerId(), consented, v.valueMinor(), v.currency(), null,
                    null, null, cartKey(v.cartToken()), List.of());
            case Events.CustomerRegistered v -> hit(a, e, "sign_up", v.customerId(), consented, null, null, null, null,
                    null, null, List.of());
            case Events.CustomerLoggedIn v -> hit(a, e, "login", v.customerId(), consented, null, null, null, null, null,
                    null, List.of());
            case Events.OrderPlaced v -> hit(a, e, "purchase", v.customerId(), consented, v.totalMinor(), v.currency(),
                    cut(v.number(), 64), null, null, cartKey(v.cartToken()), v.lines().stream()
                            .map(l -> new Hit.Item(Long.toString(l.productId()), cut(l.name(), 200), null, l.unitPriceMinor(),
                                    l.quantity())).toList());
            default -> null;
        };
    }

    private void orders(Connection c, Analytics a, EventEnvelope e, boolean consented) throws SQLException {
        String p = a.store.prefix();
        switch (e.event()) {
            case Events.OrderPlaced o -> a.store.insertOrder(c, "o:" + o.orderId(), o.number(), e.occurredAt(),
                    o.storeId() != null || "store".equals(o.channel()) ? "store" : "web",
                    o.customerId(), visitor(o.customerId(), consented), o.currency(), o.totalMinor(),
                    o.lines().stream().map(l -> new Store.Line(Long.toString(l.productId()), cut(l.name(), 200), null,
                            l.quantity(), l.lineTotalMinor())).toList());
            case Events.OrderStatusChanged s -> {
                try (PreparedStatement u = c.prepareStatement("UPDATE " + p + "order SET status = ? WHERE order_key = ?")) {
                    u.setString(1, cut(s.toStatus(), 20));
                    u.setString(2, "o:" + s.orderId());
                    u.executeUpdate();
                }
            }
            case Events.OrderRefunded r -> {
                // the event carries the refunded total: setting it is idempotent
                try (PreparedStatement u = c.prepareStatement("UPDATE " + p + "order SET refunded_minor = ?,"
                        + " status = CASE WHEN ? THEN 'refunded' ELSE status END WHERE order_key = ?")) {
                    u.setLong(1, r.refundedTotalMinor());
                    u.setBoolean(2, r.fullyRefunded());
                    u.setString(3, "o:" + r.orderId());
                    u.executeUpdate();
                }
            }
            default -> {
            }
        }
    }

    private static String cut(String s, int max) {
        return s == null ? null : s.length() > max ? s.substring(0, max) : s;
    }
}

package io.brique.crm;

import io.brique.api.notification.NotificationChannel;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Abandoned carts: a cart without change for the configured delay, of a customer whose e-mail is
 * known and who gave marketing consent, raises a {@code cart.abandoned} CRM message (the CRM makes a
 * task or starts its flow from it). An order placed from such a cart raises {@code cart.recovered}.
 * Carts of guests or without consent are marked {@code not_followed} and never sent. With the
 * {@code abandoned_cart_notify} setting the customer is also reminded through the shop's notification
 * channel ({@code PluginContext.notify}, SDK 1.2).
 */
final class Carts {

    private final Crm crm;

    Carts(Crm crm) {
        this.crm = crm;
    }

    /** An order was placed from this cart: recovered when it had been reported abandoned. */
    void ordered(Connection c, String token, String orderNumber, Instant at) throws SQLException {
        ShopMirror.Cart cart = crm.mirror().cart(c, token);
        if (cart == null) {
            return;
        }
        if (ShopMirror.ABANDONED.equals(cart.status())) {
            if (crm.mirror().markCart(c, token, ShopMirror.ABANDONED, ShopMirror.RECOVERED, null, orderNumber)) {
                String key = Messages.customerKey(cart.customerId(), orderNumber);
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("cartToken", token);
                d.put("customerId", cart.customerId());
                d.put("orderNumber", orderNumber);
                d.put("abandonedAt", cart.abandonedAt() == null ? null : cart.abandonedAt().toString());
                String id = "cart-recovered:" + token;
                crm.outbox().enqueue(c, id, key, Messages.CART_RECOVERED, token,
                        Messages.envelope(id, Messages.CART_RECOVERED, at, key, d), at, crm.clock().instant());
                if (cart.customerId() != null) {
                    crm.timeline().add(c, cart.customerId(), "shop", "cart_recovered", "Abandoned cart recovered by"
                            + " order " + orderNumber, null, id, at);
                }
            }
        } else if (!ShopMirror.CONVERTED.equals(cart.status()) && !ShopMirror.RECOVERED.equals(cart.status())) {
            crm.mirror().markCart(c, token, cart.status(), ShopMirror.CONVERTED, null, orderNumber);
        }
    }

    /** The periodic sweep: idle carts become abandoned (and are reported) or not followed. Returns reported. */
    int sweep() {
        CrmSettings.Sync s = crm.settings();
        Instant now = crm.clock().instant();
        int reported = 0;
        for (ShopMirror.Cart cart : crm.mirror().idleOpenCarts(now.minus(Duration.ofMinutes(s.abandonedCartMinutes())),
                500)) {
            boolean r = crm.db().tx(c -> report(c, cart, now));
            reported += r ? 1 : 0;
        }
        if (s.abandonedCartNotify()) {
            notifyCustomers(now);
        }
        return reported;
    }

    /**
     * Reminds the customers of their abandoned carts through the shop's notification channel (SDK 1.2),
     * after the report committed. Keyed by cart: a retry after a crash sends nothing twice; a cart whose
     * call failed is tried again at the next sweep. The shop checks the marketing consent again.
     */
    private void notifyCustomers(Instant now) {
        String t = crm.db().t("cart");
        List<String[]> pending = crm.db().read(c -> Db.list(c, "SELECT cart_token, customer_id, currency, value_minor"
                + " FROM " + t + " WHERE status = ? AND notified_at IS NULL AND customer_id IS NOT NULL ORDER BY"
                + " abandoned_at LIMIT 100", rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4)}, ShopMirror.ABANDONED));
        for (String[] p : pending) {
            ShopMirror.Customer k = crm.mirror().customer(Long.parseLong(p[1]));
            boolean fr = k != null && k.locale() != null && k.locale().startsWith("fr");
            String value = Messages.decimal(Long.parseLong(p[3]), p[2]) + " " + p[2];
            String outcome;
            try {
                outcome = crm.context().notify(new NotificationChannel.Notification("cart-abandoned:" + p[0],
                        Long.parseLong(p[1]), "abandoned_cart", fr ? "fr" : "en",
                        fr ? "Votre panier vous attend" : "Your cart is waiting",
                        fr ? "Vous avez laissé un panier de " + value + " : il vous attend."
                                : "You left a cart of " + value + ": it is waiting for you.",
                        Map.of("cartToken", p[0], "value", value), true)).name();
            } catch (UnsupportedOperationException | LinkageError older) {
                outcome = "UNSUPPORTED"; // an SDK 1.1 shop: the CRM event is all there is
            } catch (RuntimeException failed) {
                crm.context().logger().warn("abandoned cart notification failed, retried later: {}", failed.toString());
                continue;
            }
            String o = outcome;
            crm.db().tx(c -> Db.update(c, "UPDATE " + t + " SET notified_at = ?, notify_outcome = ? WHERE cart_token = ?",
                    now, o, p[0]));
        }
    }

    private boolean report(Connection c, ShopMirror.Cart cart, Instant now) throws SQLException {
        ShopMirror.Customer k = cart.customerId() == null ? null : crm.mirror().customer(c, cart.customerId());
        if (k == null || k.email() == null || !k.consentMarketing() || cart.itemCount() <= 0) {
            crm.mirror().markCart(c, cart.cartToken(), ShopMirror.OPEN, ShopMirror.NOT_FOLLOWED, null, null);
            return false;
        }
        if (!crm.mirror().markCart(c, cart.cartToken(), ShopMirror.OPEN, ShopMirror.ABANDONED, now, null)) {
            return false; // changed meanwhile, or another node reported it
        }
        List<Object> lines = new ArrayList<>();
        for (ShopMirror.CartLine l : crm.mirror().lines(c, cart.cartToken())) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("variantId", l.variantId());
            line.put("sku", l.sku());
            line.put("quantity", l.quantity());
            line.put("unitPriceMinor", l.unitPriceMinor());
            lines.add(line);
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("cartToken", cart.cartToken());
        d.put("customerId", k.customerId());
        d.put("email", k.email());
        d.put("firstName", k.firstName());
        d.put("locale", k.locale());
        d.put("currency", cart.currency());
        d.put("valueMinor", cart.valueMinor());
        d.put("value", Messages.decimal(cart.valueMinor(), cart.currency()));
        d.put("lastChangeAt", cart.lastChangeAt().toString());
        d.put("lines", lines);
        String id = "cart-abandoned:" + cart.cartToken();
        String key = Messages.customerKey(k.customerId(), null);
        crm.outbox().enqueue(c, id, key, Messages.CART_ABANDONED, cart.cartToken(),
                Messages.envelope(id, Messages.CART_ABANDONED, now, key, d), now, now);
        crm.timeline().add(c, k.customerId(), "shop", "cart_abandoned", "Abandoned cart · "
                + Messages.decimal(cart.valueMinor(), cart.currency()) + " " + cart.currency(), cart.itemCount()
                + " item(s)", id, now);
        return true;
    }
}

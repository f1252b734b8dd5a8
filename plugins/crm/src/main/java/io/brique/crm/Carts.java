package io.brique.crm;

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
 * Carts of guests or without consent are marked {@code not_followed} and never sent.
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
        return reported;
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

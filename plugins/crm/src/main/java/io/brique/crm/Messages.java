package io.brique.crm;

import io.brique.api.event.EventEnvelope;
import io.brique.api.event.Events;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CRM messages built from shop events: the JSON the webhook connector POSTs as is and the
 * HubSpot connector maps to objects (documented in docs/crm.md). Amounts are exact: minor units
 * and, for reading, a decimal string in the currency's unit.
 */
final class Messages {

    static final String CONTACT_UPSERT = "contact.upsert";
    static final String CONTACT_ERASE = "contact.erase";
    static final String ORDER_PLACED = "order.placed";
    static final String ORDER_STATUS = "order.status_changed";
    static final String ORDER_REFUNDED = "order.refunded";
    static final String CART_ABANDONED = "cart.abandoned";
    static final String CART_RECOVERED = "cart.recovered";

    private Messages() {
    }

    /** {@code c:<id>} for a customer, {@code o:<number>} for a guest order (its updates stay in order too). */
    static String customerKey(Long customerId, String orderNumber) {
        return customerId != null ? "c:" + customerId : "o:" + orderNumber;
    }

    static String envelope(String eventId, String kind, Instant occurredAt, String customerKey,
            Map<String, Object> data) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", eventId);
        m.put("type", kind);
        m.put("occurredAt", occurredAt.toString());
        m.put("customerKey", customerKey);
        m.put("data", data);
        return Json.write(m);
    }

    static Map<String, Object> contact(long customerId, String email, String firstName, String lastName,
            String locale, Boolean consent, String change) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("customerId", customerId);
        d.put("email", email);
        d.put("firstName", firstName);
        d.put("lastName", lastName);
        d.put("locale", locale);
        d.put("marketingConsent", consent);
        d.put("change", change);
        return d;
    }

    static Map<String, Object> order(Events.OrderPlaced o) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("orderId", o.orderId());
        d.put("number", o.number());
        d.put("channel", o.channel());
        d.put("storeId", o.storeId());
        d.put("customerId", o.customerId());
        d.put("email", o.email());
        d.put("status", "placed");
        d.put("currency", o.currency());
        d.put("subtotalMinor", o.subtotalMinor());
        d.put("discountMinor", o.discountMinor());
        d.put("shippingMinor", o.shippingMinor());
        d.put("taxMinor", o.taxMinor());
        d.put("totalMinor", o.totalMinor());
        d.put("total", decimal(o.totalMinor(), o.currency()));
        List<Object> lines = new ArrayList<>();
        for (Events.OrderLine l : o.lines()) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("sku", l.sku());
            line.put("name", l.name());
            line.put("productId", l.productId());
            line.put("variantId", l.variantId());
            line.put("quantity", l.quantity());
            line.put("unitPriceMinor", l.unitPriceMinor());
            line.put("lineTotalMinor", l.lineTotalMinor());
            line.put("unitPrice", decimal(l.unitPriceMinor(), o.currency()));
            lines.add(line);
        }
        d.put("lines", lines);
        return d;
    }

    static Map<String, Object> status(Events.OrderStatusChanged s) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("orderId", s.orderId());
        d.put("number", s.number());
        d.put("customerId", s.customerId());
        d.put("fromStatus", s.fromStatus());
        d.put("status", s.toStatus());
        d.put("currency", s.currency());
        d.put("totalMinor", s.totalMinor());
        d.put("total", decimal(s.totalMinor(), s.currency()));
        return d;
    }

    static Map<String, Object> refund(Events.OrderRefunded r) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("orderId", r.orderId());
        d.put("number", r.number());
        d.put("customerId", r.customerId());
        d.put("currency", r.currency());
        d.put("amountMinor", r.amountMinor());
        d.put("refundedTotalMinor", r.refundedTotalMinor());
        d.put("refundedTotal", decimal(r.refundedTotalMinor(), r.currency()));
        d.put("fullyRefunded", r.fullyRefunded());
        d.put("reason", r.reason());
        return d;
    }

    /** {@code 1250} EUR is {@code "12.50"}. */
    static String decimal(long minor, String currency) {
        int digits = 2;
        try {
            digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (RuntimeException unknown) {
            // keep 2
        }
        return BigDecimal.valueOf(minor, digits).toPlainString();
    }

    /** The event id of a shop event's message (one message per shop event). */
    static String eventId(EventEnvelope e) {
        return e.eventId();
    }
}

package io.brique.core.commerce.web;

import io.brique.core.commerce.cart.CartService;
import io.brique.core.commerce.cart.PricedCart;
import io.brique.core.commerce.order.OrderDetails;
import io.brique.core.db.jooq.tables.records.CustomerRecord;
import io.brique.core.db.jooq.tables.records.OrdersRecord;
import io.brique.core.web.MoneyJson;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The API's JSON shapes for carts, orders and customers (money always as {@link MoneyJson}). */
final class CommerceJson {

    private CommerceJson() {
    }

    static Map<String, Object> cart(CartService.Cart cart) {
        PricedCart p = cart.priced();
        String cur = p.currency();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("token", cart.token());
        m.put("status", cart.status());
        m.put("currency", cur);
        m.put("country", p.country());
        m.put("itemCount", p.itemCount());
        m.put("lines", p.lines().stream().map(l -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("variantId", l.variantId());
            x.put("productId", l.productId());
            x.put("sku", l.sku());
            x.put("name", l.name());
            x.put("options", l.optionsLabel());
            x.put("quantity", l.quantity());
            x.put("unitPrice", MoneyJson.of(l.unitPriceMinor(), cur));
            x.put("lineTotal", MoneyJson.of(l.lineTotalMinor(), cur));
            x.put("taxRateBp", l.taxRateBp());
            x.put("available", l.available());
            x.put("problem", l.problem());
            return x;
        }).toList());
        m.put("adjustments", p.adjustments().stream().map(a -> Map.of("source", a.source(), "code", a.code(),
                "label", a.label(), "amount", MoneyJson.of(a.amountMinor(), cur), "target", a.target().name()))
                .toList());
        m.put("subtotal", MoneyJson.of(p.subtotalMinor(), cur));
        m.put("discount", MoneyJson.of(p.discountMinor(), cur));
        m.put("shipping", MoneyJson.of(p.shippingMinor(), cur));
        m.put("taxIncluded", MoneyJson.of(p.taxMinor(), cur));
        m.put("total", MoneyJson.of(p.totalMinor(), cur));
        m.put("freeShippingRemaining", MoneyJson.of(p.freeShippingRemainingMinor(), cur));
        return m;
    }

    static Map<String, Object> orderSummary(OrdersRecord o) {
        String cur = o.getCurrency();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("number", o.getNumber());
        m.put("status", o.getStatus());
        m.put("channel", o.getChannel());
        m.put("customerId", o.getCustomerId());
        m.put("email", o.getEmail());
        m.put("locale", o.getLocale());
        m.put("placedAt", utc(o.getPlacedAt()));
        m.put("subtotal", MoneyJson.of(o.getSubtotalMinor(), cur));
        m.put("discount", MoneyJson.of(o.getDiscountMinor(), cur));
        m.put("shipping", MoneyJson.of(o.getShippingMinor(), cur));
        m.put("taxIncluded", MoneyJson.of(o.getTaxMinor(), cur));
        m.put("total", MoneyJson.of(o.getTotalMinor(), cur));
        m.put("refunded", MoneyJson.of(o.getRefundedMinor(), cur));
        m.put("shippingMethod", o.getShippingMethod());
        m.put("paymentMethod", o.getPaymentMethod());
        m.put("externalRef", o.getExternalRef());
        return m;
    }

    static Map<String, Object> order(OrderDetails d) {
        OrdersRecord o = d.order();
        String cur = o.getCurrency();
        Map<String, Object> m = orderSummary(o);
        m.put("store", d.storeName());
        Map<String, Object> addr = new LinkedHashMap<>();
        addr.put("firstName", o.getAddrFirstName());
        addr.put("lastName", o.getAddrLastName());
        addr.put("line1", o.getAddrLine1());
        addr.put("line2", o.getAddrLine2());
        addr.put("postcode", o.getAddrPostcode());
        addr.put("city", o.getAddrCity());
        addr.put("country", o.getAddrCountry());
        addr.put("phone", o.getAddrPhone());
        m.put("address", addr);
        m.put("lines", d.lines().stream().map(l -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("variantId", l.getVariantId());
            x.put("sku", l.getSku());
            x.put("name", l.getName());
            x.put("options", l.getOptionsLabel());
            x.put("quantity", l.getQuantity());
            x.put("unitPrice", MoneyJson.of(l.getUnitPriceMinor(), cur));
            x.put("lineTotal", MoneyJson.of(l.getLineTotalMinor(), cur));
            x.put("taxRateBp", l.getTaxRateBp());
            x.put("lineTax", MoneyJson.of(l.getLineTaxMinor(), cur));
            return x;
        }).toList());
        m.put("adjustments", d.adjustments().stream().map(a -> Map.of("source", a.getSource(), "code", a.getCode(),
                "label", a.getLabel(), "amount", MoneyJson.of(a.getAmountMinor(), cur))).toList());
        m.put("history", d.history().stream().map(h -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("from", h.getFromStatus());
            x.put("to", h.getToStatus());
            x.put("note", h.getNote());
            x.put("actor", h.getActor());
            x.put("at", utc(h.getCreatedAt()));
            return x;
        }).toList());
        m.put("payments", d.payments().stream().map(p -> Map.of("provider", p.getProvider(), "method", p.getMethod(),
                "status", p.getStatus(), "amount", MoneyJson.of(p.getAmountMinor(), p.getCurrency()))).toList());
        m.put("refunds", d.refunds().stream().map(r -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("amount", MoneyJson.of(r.getAmountMinor(), cur));
            x.put("reason", r.getReason());
            x.put("restock", r.getRestock());
            x.put("at", utc(r.getCreatedAt()));
            return x;
        }).toList());
        return m;
    }

    static Map<String, Object> customer(CustomerRecord c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.getId());
        m.put("email", c.getEmail());
        m.put("firstName", c.getFirstName());
        m.put("lastName", c.getLastName());
        m.put("phone", c.getPhone());
        m.put("locale", c.getLocale());
        m.put("status", c.getStatus());
        m.put("consentMarketing", c.getConsentMarketing());
        m.put("consentMarketingAt", utc(c.getConsentMarketingAt()));
        m.put("consentAnalytics", c.getConsentAnalytics());
        m.put("consentAnalyticsAt", utc(c.getConsentAnalyticsAt()));
        m.put("createdAt", utc(c.getCreatedAt()));
        m.put("lastLoginAt", utc(c.getLastLoginAt()));
        return m;
    }

    static Map<String, Object> page(List<?> items, int page, int size, int total) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("items", items);
        m.put("page", page);
        m.put("size", size);
        m.put("total", total);
        return m;
    }

    private static String utc(LocalDateTime t) {
        return t == null ? null : t.toString() + "Z";
    }
}

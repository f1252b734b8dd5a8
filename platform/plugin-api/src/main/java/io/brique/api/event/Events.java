package io.brique.api.event;

import java.util.List;

/** The core's domain events. Amounts are in minor units of {@code currency}. */
public final class Events {

    private Events() {
    }

    public record ProductViewed(long productId, String locale, Long customerId, String visitorId)
            implements DomainEvent {
        public String type() { return "product.viewed"; }
        public String aggregateType() { return "product"; }
        public String aggregateId() { return Long.toString(productId); }
    }

    public record ProductListViewed(String listId, String locale, int page, int resultCount, Long customerId,
            String visitorId) implements DomainEvent {
        public String type() { return "product_list.viewed"; }
        public String aggregateType() { return "list"; }
        public String aggregateId() { return listId; }
    }

    /** A product was created or changed (text, price, status, stock...): search indexes and caches refresh. */
    public record ProductChanged(long productId, String change) implements DomainEvent {
        public String type() { return "product.changed"; }
        public String aggregateType() { return "product"; }
        public String aggregateId() { return Long.toString(productId); }
    }

    public record SearchPerformed(String query, String locale, int resultCount, Long customerId, String visitorId)
            implements DomainEvent {
        public String type() { return "search.performed"; }
        public String aggregateType() { return "search"; }
        public String aggregateId() { return locale; }
    }

    /** A cart line was added, changed or removed; quantities before and after. */
    public record CartChanged(String cartToken, Long customerId, long variantId, String sku, long productId,
            int quantityBefore, int quantityAfter, long unitPriceMinor, String currency) implements DomainEvent {
        public String type() { return "cart.changed"; }
        public String aggregateType() { return "cart"; }
        public String aggregateId() { return cartToken; }
    }

    public record CustomerRegistered(long customerId, String email, String firstName, String lastName,
            String locale, boolean consentMarketing) implements DomainEvent {
        public String type() { return "customer.registered"; }
        public String aggregateType() { return "customer"; }
        public String aggregateId() { return Long.toString(customerId); }
    }

    public record CustomerLoggedIn(long customerId, String mergedCartToken) implements DomainEvent {
        public String type() { return "customer.logged_in"; }
        public String aggregateType() { return "customer"; }
        public String aggregateId() { return Long.toString(customerId); }
    }

    public record CustomerUpdated(long customerId, String change) implements DomainEvent {
        public String type() { return "customer.updated"; }
        public String aggregateType() { return "customer"; }
        public String aggregateId() { return Long.toString(customerId); }
    }

    /**
     * An ordered line; {@code lineTotalMinor} is tax included, before order-level discounts.
     * {@code categoryIds} and {@code brandId} (since SDK 1.1; empty and null when unknown) let listeners
     * apply per-category or per-brand rules (loyalty multipliers) without reading the catalog.
     */
    public record OrderLine(long variantId, long productId, String sku, String name, int quantity,
            long unitPriceMinor, long lineTotalMinor, int taxRateBp, List<Long> categoryIds, Long brandId) {
        public OrderLine {
            categoryIds = categoryIds == null ? List.of() : List.copyOf(categoryIds);
        }

        /** The SDK 1.0 shape (no category, no brand). */
        public OrderLine(long variantId, long productId, String sku, String name, int quantity,
                long unitPriceMinor, long lineTotalMinor, int taxRateBp) {
            this(variantId, productId, sku, name, quantity, unitPriceMinor, lineTotalMinor, taxRateBp, List.of(),
                    null);
        }
    }

    public record OrderPlaced(long orderId, String number, String channel, Long customerId, String email,
            String currency, long subtotalMinor, long discountMinor, long shippingMinor, long taxMinor,
            long totalMinor, String cartToken, Long storeId, List<OrderLine> lines) implements DomainEvent {
        public OrderPlaced {
            lines = List.copyOf(lines);
        }
        public String type() { return "order.placed"; }
        public String aggregateType() { return "order"; }
        public String aggregateId() { return Long.toString(orderId); }
    }

    /** Any order state change after placement: paid, shipped, delivered, cancelled, refunded. */
    public record OrderStatusChanged(long orderId, String number, Long customerId, String fromStatus,
            String toStatus, String currency, long totalMinor) implements DomainEvent {
        public String type() { return "order." + toStatus; }
        public String aggregateType() { return "order"; }
        public String aggregateId() { return Long.toString(orderId); }
    }

    public record OrderRefunded(long orderId, String number, Long customerId, String currency, long amountMinor,
            long refundedTotalMinor, boolean fullyRefunded, String reason) implements DomainEvent {
        public String type() { return "order.refund_issued"; }
        public String aggregateType() { return "order"; }
        public String aggregateId() { return Long.toString(orderId); }
    }
}

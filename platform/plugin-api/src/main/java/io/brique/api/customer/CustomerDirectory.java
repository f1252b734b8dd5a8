package io.brique.api.customer;

import io.brique.api.event.Events;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Read-only access to the shop's customers and orders (since SDK 1.2), through
 * {@link io.brique.api.plugin.PluginContext#customers()}: the current state of one customer (events
 * such as {@code customer.updated} carry no details, e.g. the consent), and pages by id for a back-fill
 * of existing data (a CRM sync, a segment computation). Plugins still never read core tables.
 */
public interface CustomerDirectory {

    /** A customer as the shop holds it now; {@code status} is {@code active} or {@code erased}. */
    record Customer(long id, String email, String firstName, String lastName, String phone, String locale,
            boolean consentMarketing, String status, Instant createdAt) {
    }

    /**
     * An order as placed (lines included, as in the {@code order.placed} event) with its status now,
     * the amount refunded so far and when it was placed.
     */
    record Order(Events.OrderPlaced placed, String status, long refundedMinor, Instant placedAt) {
    }

    Optional<Customer> customer(long id);

    /** Customers with an id above {@code afterId}, by id, at most {@code limit} (capped at 1,000). */
    List<Customer> customersAfter(long afterId, int limit);

    /** Orders with an id above {@code afterId}, by id, at most {@code limit} (capped at 1,000), online and in store. */
    List<Order> ordersAfter(long afterId, int limit);

    long customerCount();

    long orderCount();
}

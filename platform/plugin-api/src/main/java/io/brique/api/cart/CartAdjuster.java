package io.brique.api.cart;

import java.util.List;

/**
 * Contributes adjustments (promo codes, points redemption...) each time a cart is priced.
 *
 * <p>{@link #adjust} is called synchronously on the request path under a time budget and must not
 * write anything: it is called for every view of a cart.
 *
 * <p>Since SDK 1.1, an adjuster whose adjustments are scarce (points, a code with a usage limit)
 * takes them for good in {@link #reserve}, which the core calls synchronously while it places the
 * order, before anything is committed; {@link #release} undoes a reservation when the order could
 * not be created after all. Both have no-op defaults, so SDK 1.0 adjusters keep working unchanged.
 * The {@code order.placed} event (or its absence) later tells the plugin whether the order exists.
 */
public interface CartAdjuster extends org.pf4j.ExtensionPoint {

    List<CartAdjustment> adjust(CartSnapshot cart);

    /**
     * Reserves what {@code applied} (this adjuster's adjustments frozen into order {@code orderNumber})
     * consumes, or throws {@link AdjustmentRefused}. Called once per placement attempt for each adjuster
     * with at least one adjustment in the order, inside the core's checkout transaction, under a time
     * budget. It must be idempotent per order number (the same number may come twice) and must write
     * through its own connection (its own transaction): the core calls {@link #release} if the order is
     * not created. {@code cart.attributes()} also carries {@code locale} (the checkout language) and
     * {@code cart.email()} the e-mail of the order. A time-out or any other exception refuses the checkout
     * with a "try again" message (an order is never placed with an unreserved discount), and the core
     * calls {@link #release} for that order number. Since SDK 1.1.
     */
    default void reserve(CartSnapshot cart, List<CartAdjustment> applied, String orderNumber) {
    }

    /**
     * Gives back what {@link #reserve} took for {@code orderNumber}: the order was not created (the checkout
     * failed later, or timed out). Idempotent; may come for a number never reserved (after a time-out),
     * in which case a later {@code reserve} for the same number should be refused. Since SDK 1.1.
     */
    default void release(String orderNumber) {
    }
}

package io.brique.api.cart;

import java.util.List;

/**
 * Contributes adjustments (promo codes, points redemption...) each time a cart is priced.
 * Called synchronously on the request path under a time budget; must not write anything: the
 * adjustments are frozen into the order by the core when it is placed, and the listener of
 * {@code order.placed} confirms them.
 */
public interface CartAdjuster extends org.pf4j.ExtensionPoint {

    List<CartAdjustment> adjust(CartSnapshot cart);
}

package io.brique.loyalty;

import io.brique.api.cart.CartAdjuster;
import io.brique.api.cart.CartAdjustment;
import io.brique.api.cart.CartSnapshot;
import io.brique.api.plugin.PluginContext;
import java.util.List;
import org.pf4j.Extension;

/**
 * Points redemption, promo codes and the tier's free shipping in the cart. {@link #adjust} only reads;
 * {@link #reserve} takes the points and the code use for good at order placement (SDK 1.1), so two
 * checkouts can never spend the same points or the last use of a code.
 */
@Extension
public class LoyaltyAdjuster implements CartAdjuster {

    private final LoyaltyService loyalty;

    public LoyaltyAdjuster(PluginContext context) {
        this.loyalty = new LoyaltyService(context);
    }

    @Override
    public List<CartAdjustment> adjust(CartSnapshot cart) {
        return loyalty.adjust(cart, cart.attributes().getOrDefault("locale", "fr"));
    }

    @Override
    public void reserve(CartSnapshot cart, List<CartAdjustment> applied, String orderNumber) {
        loyalty.reserve(cart, applied, orderNumber);
    }

    @Override
    public void release(String orderNumber) {
        loyalty.release(orderNumber);
    }
}

package io.brique.api.cart;

/**
 * Thrown by {@link CartAdjuster#reserve} when what an adjustment promised can no longer be given
 * (the points were spent meanwhile, the last use of a code went to another order). The checkout then
 * answers 409 with {@link #getMessage()} shown to the shopper, and creates no order. Since SDK 1.1.
 *
 * <p>Write the message for the shopper, in the language of the checkout
 * ({@code cart.attributes().get("locale")} in {@code reserve}): "This code has already been used".
 */
public class AdjustmentRefused extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AdjustmentRefused(String shopperMessage) {
        super(shopperMessage);
    }
}

package io.brique.api.event;

/**
 * A shopper reached a step of the checkout (SDK 1.2): {@code begin_checkout} when the checkout form
 * is shown for a non-empty cart, {@code add_shipping_info} and {@code add_payment_info} when the form
 * is submitted with a shipping method and a payment method (before the order is placed, so a refused
 * payment or a validation error still counts as reaching the step). Named after GA4's events so that
 * funnels see them server-side. Recorded off the request path like other observations (best effort).
 * {@code valueMinor} is the items subtotal of the cart in {@code currency}; {@code option} the chosen shipping or
 * payment method (null for {@code begin_checkout}).
 */
public record CheckoutStep(String cartToken, Long customerId, String step, String option, long valueMinor,
        String currency) implements DomainEvent {

    public static final String BEGIN = "begin_checkout";
    public static final String SHIPPING = "add_shipping_info";
    public static final String PAYMENT = "add_payment_info";

    public String type() { return "checkout.step"; }
    public String aggregateType() { return "cart"; }
    public String aggregateId() { return cartToken; }
}

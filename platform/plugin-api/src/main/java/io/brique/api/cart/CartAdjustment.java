package io.brique.api.cart;

/**
 * An amount a plugin adds to a cart, negative for a discount, positive for a fee, on the items or on
 * shipping. The core caps discounts so a total never goes below zero.
 */
public record CartAdjustment(String source, String code, String label, long amountMinor, Target target) {

    public enum Target { ITEMS, SHIPPING }
}

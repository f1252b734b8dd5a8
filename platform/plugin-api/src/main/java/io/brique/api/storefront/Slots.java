package io.brique.api.storefront;

import java.util.List;

/** The named storefront slots. They render nothing until a plugin fills them. */
public final class Slots {

    private Slots() {
    }

    public static final String HEAD = "head";
    public static final String BODY_END = "body.end";
    public static final String HEADER = "header";
    public static final String HOME_MAIN = "home.main";
    public static final String CATEGORY_TOP = "category.top";
    public static final String PRODUCT_BELOW_PRICE = "product.below-price";
    public static final String PRODUCT_BOTTOM = "product.bottom";
    public static final String CART_BOTTOM = "cart.bottom";
    public static final String CHECKOUT_SUMMARY = "checkout.summary";
    public static final String ORDER_CONFIRMATION = "order.confirmation";
    public static final String ACCOUNT_MAIN = "account.main";

    public static final List<String> ALL = List.of(HEAD, BODY_END, HEADER, HOME_MAIN, CATEGORY_TOP,
            PRODUCT_BELOW_PRICE, PRODUCT_BOTTOM, CART_BOTTOM, CHECKOUT_SUMMARY, ORDER_CONFIRMATION, ACCOUNT_MAIN);
}

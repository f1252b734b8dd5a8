package io.brique.api.cart;

import java.util.List;
import java.util.Map;

/**
 * A priced cart as the core sees it before adjustments: lines with tax-included prices in minor
 * units, the shipping quote and who the customer is. {@code attributes} carries extra inputs such as
 * a promo code typed by the shopper ({@code promo_code}).
 */
public record CartSnapshot(String cartToken, Long customerId, String email, String currency, String country,
        List<Line> lines, long subtotalMinor, long shippingMinor, String shippingMethod,
        Map<String, String> attributes) {

    public CartSnapshot {
        lines = List.copyOf(lines);
        attributes = Map.copyOf(attributes);
    }

    public record Line(long variantId, long productId, String sku, int quantity, long unitPriceMinor,
            long lineTotalMinor, List<Long> categoryIds, Long brandId) {
        public Line {
            categoryIds = List.copyOf(categoryIds);
        }
    }
}

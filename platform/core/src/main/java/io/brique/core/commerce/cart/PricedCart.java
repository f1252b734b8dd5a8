package io.brique.core.commerce.cart;

import io.brique.api.cart.CartAdjustment;
import io.brique.api.cart.CartSnapshot;
import java.util.List;

/**
 * A cart priced for one destination and shipping method. All amounts are tax-included minor units of
 * {@code currency}; {@code taxMinor} is the VAT contained in {@code totalMinor}. {@code snapshot} is what
 * the adjusters saw and {@code contributions} what each of them added (the checkout asks them to
 * reserve it).
 */
public record PricedCart(String token, Long customerId, String currency, String country, String shippingMethod,
        List<Line> lines, List<CartAdjustment> adjustments, long subtotalMinor, long discountMinor,
        long shippingMinor, long taxMinor, long totalMinor, long freeShippingRemainingMinor,
        CartSnapshot snapshot, List<CartAdjusters.Contribution> contributions) {

    public PricedCart {
        lines = List.copyOf(lines);
        adjustments = List.copyOf(adjustments);
        contributions = List.copyOf(contributions);
    }

    /**
     * One priced line. {@code lineTaxMinor} is the VAT of the line after its share of item discounts.
     * {@code problem} is null, or why the line cannot be ordered as is (unavailable, out_of_stock).
     */
    public record Line(long variantId, long productId, String sku, String name, String slug, String imageUrl,
            String optionsLabel, int quantity, long unitPriceMinor, long lineTotalMinor, int taxRateBp,
            long lineTaxMinor, int available, String problem, Long brandId, Long categoryId) {
    }

    public int itemCount() {
        return lines.stream().mapToInt(Line::quantity).sum();
    }

    public boolean isEmpty() {
        return lines.isEmpty();
    }

    public boolean hasProblems() {
        return lines.stream().anyMatch(l -> l.problem() != null);
    }
}

package io.brique.core.commerce.cart;

import io.brique.api.cart.CartAdjustment;
import io.brique.api.cart.CartSnapshot;
import io.brique.core.commerce.settings.ShopSettings;
import io.brique.core.error.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * Prices a cart on every change and view (never trusts a stored price): destination VAT per line
 * (see {@link VatMath}), shipping, adjustments from the {@link CartAdjusters} registry, totals.
 *
 * <p>Shipping: {@code pickup} (click and collect) is free; home delivery costs the flat rate unless the
 * items after discounts reach the free-shipping threshold. Shipping carries the destination's standard
 * VAT rate. Item discounts are capped at the items subtotal and shipping discounts at the shipping
 * price, so no total ever goes below zero; item discounts are shared across lines in proportion to
 * compute each line's VAT.
 */
public final class PricingService {

    public static final String HOME = "home";
    public static final String PICKUP = "pickup";

    /** A cart line to price: the catalog's view of the variant and the quantity wanted. */
    public record LineInput(CatalogReader.VariantInfo variant, int quantity) {
    }

    /** Who and what is priced; {@code attributes} go to adjusters (e.g. a promo code). */
    public record Request(String cartToken, Long customerId, String email, String currency, String country,
            String shippingMethod, List<LineInput> lines, Map<String, String> attributes) {
    }

    private final TaxRates taxRates;
    private final CartAdjusters adjusters;
    private final String homeCountry;
    private final ShopSettings settings;

    /** Shipping prices come from {@link ShopSettings} at each pricing (editable at run time in the admin). */
    public PricingService(TaxRates taxRates, CartAdjusters adjusters, String homeCountry, ShopSettings settings) {
        this.taxRates = taxRates;
        this.adjusters = adjusters;
        this.homeCountry = homeCountry;
        this.settings = settings;
    }

    public String homeCountry() {
        return homeCountry;
    }

    public PricedCart price(DSLContext dsl, Request req) {
        Map<String, Integer> home = taxRates.forCountry(dsl, homeCountry);
        Map<String, Integer> dest = req.country().equals(homeCountry) ? home : taxRates.forCountry(dsl, req.country());
        if (dest.isEmpty()) {
            throw new ValidationException("country", "commerce.error.country");
        }
        boolean pickup = PICKUP.equals(req.shippingMethod());
        ShopSettings.Shipping shippingRates = settings.shipping(dsl);
        int n = req.lines().size();
        long[] totals = new long[n];
        long[] units = new long[n];
        int[] rates = new int[n];
        long subtotal = 0;
        List<CartSnapshot.Line> snapLines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            LineInput in = req.lines().get(i);
            var v = in.variant();
            int homeBp = rate(home, v.taxClass());
            rates[i] = rate(dest, v.taxClass());
            units[i] = VatMath.destinationPrice(v.priceMinor(), homeBp, rates[i]);
            totals[i] = Math.multiplyExact(units[i], (long) in.quantity());
            subtotal = Math.addExact(subtotal, totals[i]);
            snapLines.add(new CartSnapshot.Line(v.variantId(), v.productId(), v.sku(), in.quantity(), units[i],
                    totals[i], v.categoryId() == null ? List.of() : List.of(v.categoryId()), v.brandId()));
        }
        long shippingQuote = shipping(shippingRates, pickup, subtotal);
        CartSnapshot snapshot = new CartSnapshot(req.cartToken(), req.customerId(), req.email(), req.currency(),
                req.country(), snapLines, subtotal, shippingQuote, req.shippingMethod(), req.attributes());
        List<CartAdjusters.Contribution> contributions = n == 0 ? List.of() : adjusters.contributions(snapshot);
        List<CartAdjustment> adjustments = new ArrayList<>();
        contributions.forEach(c -> adjustments.addAll(c.adjustments()));
        long itemsAdj = 0;
        long shipAdj = 0;
        for (CartAdjustment a : adjustments) {
            if (a.target() == CartAdjustment.Target.SHIPPING) {
                shipAdj = Math.addExact(shipAdj, a.amountMinor());
            } else {
                itemsAdj = Math.addExact(itemsAdj, a.amountMinor());
            }
        }
        if (itemsAdj < -subtotal) {
            adjustments.add(new CartAdjustment("core", "discount_cap", "commerce.adjustment.cap", -subtotal - itemsAdj,
                    CartAdjustment.Target.ITEMS));
            itemsAdj = -subtotal;
        }
        long items = subtotal + itemsAdj;
        long shipping = shipping(shippingRates, pickup, items);
        if (shipAdj < -shipping) {
            adjustments.add(new CartAdjustment("core", "discount_cap", "commerce.adjustment.cap", -shipping - shipAdj,
                    CartAdjustment.Target.SHIPPING));
            shipAdj = -shipping;
        }
        long[] shares = VatMath.allocate(itemsAdj, totals);
        long tax = 0;
        List<PricedCart.Line> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            var v = req.lines().get(i).variant();
            int q = req.lines().get(i).quantity();
            long lineTax = VatMath.includedTax(totals[i] + shares[i], rates[i]);
            tax += lineTax;
            String problem = !v.sellable() ? "unavailable" : q > v.available() ? "out_of_stock" : null;
            lines.add(new PricedCart.Line(v.variantId(), v.productId(), v.sku(), v.name(), v.slug(), v.imageUrl(),
                    v.optionsLabel(), q, units[i], totals[i], rates[i], lineTax, v.available(), problem,
                    v.brandId(), v.categoryId()));
        }
        long shippingNet = shipping + shipAdj;
        tax += VatMath.includedTax(shippingNet, rate(dest, "standard"));
        long total = items + shippingNet;
        long remaining = !pickup && shipping > 0 && n > 0 ? Math.max(0, shippingRates.freeThresholdMinor() - items) : 0;
        return new PricedCart(req.cartToken(), req.customerId(), req.currency(), req.country(), req.shippingMethod(),
                lines, adjustments, subtotal, -(itemsAdj + shipAdj), shipping, tax, total, remaining, snapshot,
                contributions);
    }

    private static long shipping(ShopSettings.Shipping rates, boolean pickup, long items) {
        if (pickup || items <= 0) {
            return 0;
        }
        return items >= rates.freeThresholdMinor() ? 0 : rates.flatRateMinor();
    }

    private static int rate(Map<String, Integer> rates, String taxClass) {
        Integer r = rates.get(taxClass);
        if (r == null) {
            r = rates.getOrDefault("standard", 0);
        }
        return r;
    }
}

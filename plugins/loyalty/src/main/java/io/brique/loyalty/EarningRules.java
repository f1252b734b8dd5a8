package io.brique.loyalty;

import io.brique.api.event.Events;
import io.brique.loyalty.LoyaltySettings.Programme;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.List;

/**
 * How many points an order earns (pure arithmetic, exact: integers only, one rounding at the end).
 *
 * <p>Base per line: its tax-included total; with base {@code items_after_discounts}, minus its share
 * of the order's discounts (in proportion to line totals); with base {@code total}, the shipping is
 * added as one more line without multipliers. Without VAT: the line base divided by (1 + its rate).
 * Each line's base is multiplied by the points per euro and by every multiplier that applies to it:
 * the best matching category multiplier, the brand multiplier, the best active campaign (for all
 * categories or the line's), and the customer's tier multiplier (all in percent, 100 = unchanged).
 * The sum is rounded once (floor, nearest or ceil).
 */
public final class EarningRules {

    /** An active campaign: a multiplier for one category, or all when {@code categoryId} is null. */
    public record Campaign(String name, int multiplierPct, Long categoryId) {
    }

    private EarningRules() {
    }

    public static long points(Events.OrderPlaced order, Programme p, int tierPct, List<Campaign> campaigns) {
        if (p.pointsPerEuro() <= 0 || order.lines().isEmpty()) {
            return 0;
        }
        List<Events.OrderLine> lines = order.lines();
        long subtotal = lines.stream().mapToLong(Events.OrderLine::lineTotalMinor).sum();
        long discount = "items".equals(p.earnBase()) ? 0 : Math.min(Math.max(0, order.discountMinor()), subtotal);
        BigInteger[] sum = {BigInteger.ZERO, BigInteger.ONE}; // an exact fraction: numerator, denominator
        long allocated = 0;
        for (int i = 0; i < lines.size(); i++) {
            Events.OrderLine l = lines.get(i);
            long share = i == lines.size() - 1 ? discount - allocated
                    : subtotal == 0 ? 0 : BigInteger.valueOf(discount).multiply(BigInteger.valueOf(l.lineTotalMinor()))
                            .divide(BigInteger.valueOf(subtotal)).longValueExact();
            allocated += share;
            long base = Math.max(0, l.lineTotalMinor() - share);
            BigInteger value = BigInteger.valueOf(base);
            BigInteger denominator = BigInteger.ONE;
            if (p.excludeVat()) {
                value = value.multiply(BigInteger.valueOf(10_000));
                denominator = BigInteger.valueOf(10_000L + l.taxRateBp());
            }
            int cat = 100;
            for (Long c : l.categoryIds()) {
                cat = Math.max(cat, p.categoryMultipliers().getOrDefault(c, 100));
            }
            int brand = l.brandId() == null ? 100 : p.brandMultipliers().getOrDefault(l.brandId(), 100);
            int campaign = 100;
            for (Campaign c : campaigns) {
                if (c.categoryId() == null || l.categoryIds().contains(c.categoryId())) {
                    campaign = Math.max(campaign, c.multiplierPct());
                }
            }
            // value/denominator * cat/100 * brand/100 * campaign/100 * tier/100, all on a common denominator
            BigInteger numerator = value.multiply(BigInteger.valueOf(cat)).multiply(BigInteger.valueOf(brand))
                    .multiply(BigInteger.valueOf(campaign)).multiply(BigInteger.valueOf(tierPct));
            sum = add(sum, numerator, denominator);
        }
        if ("total".equals(p.earnBase()) && order.shippingMinor() > 0) {
            // shipping: no multipliers (scaled to the same 100^4 as the lines)
            sum = add(sum, BigInteger.valueOf(order.shippingMinor()).multiply(BigInteger.valueOf(100_000_000L)),
                    BigInteger.ONE);
        }
        return round(sum, p, order.currency());
    }

    /** a/b + n/d, exact (the terms have at most a few distinct VAT denominators). */
    private static BigInteger[] add(BigInteger[] sum, BigInteger n, BigInteger d) {
        if (sum[1].equals(d)) {
            return new BigInteger[] {sum[0].add(n), d};
        }
        BigInteger num = sum[0].multiply(d).add(n.multiply(sum[1]));
        BigInteger den = sum[1].multiply(d);
        BigInteger g = num.gcd(den);
        return g.signum() == 0 ? new BigInteger[] {BigInteger.ZERO, BigInteger.ONE}
                : new BigInteger[] {num.divide(g), den.divide(g)};
    }

    private static long round(BigInteger[] sum, Programme p, String currency) {
        int digits = Currency.getInstance(currency).getDefaultFractionDigits();
        // sum = minor units * 100^4 (four percent multipliers); points = minor / 10^digits * pointsPerEuro
        BigInteger divisor = BigInteger.TEN.pow(Math.max(0, digits)).multiply(BigInteger.valueOf(100_000_000L))
                .multiply(sum[1]);
        java.math.BigDecimal exact = new java.math.BigDecimal(sum[0].multiply(BigInteger.valueOf(p.pointsPerEuro())))
                .divide(new java.math.BigDecimal(divisor), 0, switch (p.rounding()) {
                    case "ceil" -> RoundingMode.CEILING;
                    case "nearest" -> RoundingMode.HALF_UP;
                    default -> RoundingMode.FLOOR;
                });
        return exact.longValueExact();
    }
}

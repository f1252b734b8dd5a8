package io.brique.core.commerce.cart;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The VAT arithmetic, exact on minor units.
 *
 * <p>Catalog prices are tax-included for the shop's home country. For another destination country
 * the net price is {@code home / (1 + homeRate)} and the destination price {@code net * (1 + destRate)}.
 * Both steps are done in one exact fraction, {@code home * (10000 + destBp) / (10000 + homeBp)}, and
 * rounded once, half-up, to the cent: rounding the net price first would add a second rounding
 * error. Example: 19.90 EUR in France (20 %) shipped to Germany (19 %) = 1990 * 11900 / 12000 =
 * 1973.42 -> 19.73 EUR.
 */
public final class VatMath {

    private VatMath() {
    }

    /** The tax-included unit price for the destination country. */
    public static long destinationPrice(long homePriceMinor, int homeRateBp, int destRateBp) {
        if (homeRateBp == destRateBp) {
            return homePriceMinor;
        }
        return BigDecimal.valueOf(homePriceMinor).multiply(BigDecimal.valueOf(10_000L + destRateBp))
                .divide(BigDecimal.valueOf(10_000L + homeRateBp), 0, RoundingMode.HALF_UP).longValueExact();
    }

    /** The VAT contained in a tax-included amount: {@code gross - gross / (1 + rate)}, the net rounded half-up. */
    public static long includedTax(long grossMinor, int rateBp) {
        if (rateBp == 0 || grossMinor == 0) {
            return 0;
        }
        long net = BigDecimal.valueOf(grossMinor).multiply(BigDecimal.valueOf(10_000L))
                .divide(BigDecimal.valueOf(10_000L + rateBp), 0, RoundingMode.HALF_UP).longValueExact();
        return grossMinor - net;
    }

    /**
     * Shares {@code amount} across {@code weights} in proportion, in whole cents, the rounding remainder
     * going to the largest weights first, so the shares always add up to {@code amount} exactly.
     */
    public static long[] allocate(long amount, long[] weights) {
        long[] out = new long[weights.length];
        long total = 0;
        for (long w : weights) {
            total += w;
        }
        if (total == 0 || amount == 0) {
            return out;
        }
        long given = 0;
        for (int i = 0; i < weights.length; i++) {
            out[i] = BigDecimal.valueOf(amount).multiply(BigDecimal.valueOf(weights[i]))
                    .divide(BigDecimal.valueOf(total), 0, RoundingMode.DOWN).longValueExact();
            given += out[i];
        }
        long rest = amount - given;
        Integer[] order = new Integer[weights.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Long.compare(weights[b], weights[a]));
        long step = Long.signum(rest);
        for (int k = 0; rest != 0; k = (k + 1) % order.length) {
            if (weights[order[k]] > 0) {
                out[order[k]] += step;
                rest -= step;
            }
        }
        return out;
    }
}

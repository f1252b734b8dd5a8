package io.brique.loyalty;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.brique.api.cart.CartAdjustment;
import io.brique.api.cart.CartSnapshot;
import io.brique.testkit.BriqueTestServer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Cart pricing from the plugin's caches gives the same adjustments as the uncached reads, and prints the
 * latency of both under 8 parallel callers (figures for docs/benchmarks.md; nothing is asserted on time).
 */
@Tag("db")
class LoyaltyPricingTest extends LoyaltyShop {

    @Test
    void cachedPricingAgreesWithTheLedgerAndItsLatencyIsPrinted() throws Exception {
        int customers = 50;
        for (long c = 1; c <= customers; c++) {
            for (int i = 0; i < 20; i++) {
                loyalty.ledger().adjust(c, 100, "seed", "test", "seed-" + c + "-" + i, null);
            }
            loyalty.ledger().spend(c, 300, "BR" + c, "seed-spend-" + c, "test", "seed");
            loyalty.saveChoice(String.format("pricing-cart-%08d", c), 500, "SAVE10");
        }
        loyalty.promos().create(new PromoService.Promo(0, "Save 10", "percent", 10, 0, null, null, Set.of(), Set.of(),
                null, 5L, false, null, true, 0, true, null), "SAVE10", null);

        List<CartAdjustment> expected = loyalty.adjust(cart(7), "fr");
        assertEquals(List.of(-1_000L, -500L), expected.stream().map(CartAdjustment::amountMinor).toList(),
                "10 % of 100 € and 500 points (5 €)");
        long[] cached = measure(() -> loyalty.adjust(cart(1 + (int) (Math.random() * customers)), "fr"));
        // the same call with cold caches (a new instance each time): the reads every pricing used to make
        var context = shop.pluginContext(ID);
        long[] aggregates = measure(() -> new LoyaltyService(context).adjust(cart(1 + (int) (Math.random() * customers)),
                "fr"));
        System.out.printf("loyalty pricing on %s, 8 threads x 250 calls: adjust() cached p50 %.2f ms p95 %.2f ms"
                + " p99 %.2f ms; cold caches p50 %.2f ms p95 %.2f ms p99 %.2f ms%n",
                BriqueTestServer.databaseKind(), cached[0] / 1e6, cached[1] / 1e6, cached[2] / 1e6,
                aggregates[0] / 1e6, aggregates[1] / 1e6, aggregates[2] / 1e6);
        assertEquals(expected, loyalty.adjust(cart(7), "fr"), "the same answer after thousands of cached calls");
    }

    private static CartSnapshot cart(int customer) {
        return new CartSnapshot(String.format("pricing-cart-%08d", customer), (long) customer, "p@example.com", "EUR",
                "FR", List.of(new CartSnapshot.Line(1, 1, "S", 1, 10_000, 10_000, List.of(), null)), 10_000, 490, "home",
                Map.of("locale", "fr"));
    }

    /** p50, p95, p99 in nanoseconds of 8 threads x 250 calls after 200 warm-up calls. */
    private static long[] measure(Supplier<?> call) throws Exception {
        for (int i = 0; i < 200; i++) {
            call.get();
        }
        List<Long> times = Collections.synchronizedList(new ArrayList<>());
        race(8, 8, "none", t -> {
            for (int i = 0; i < 250; i++) {
                long t0 = System.nanoTime();
                call.get();
                times.add(System.nanoTime() - t0);
            }
        });
        List<Long> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        return new long[] {sorted.get(sorted.size() / 2), sorted.get(sorted.size() * 95 / 100),
                sorted.get(sorted.size() * 99 / 100)};
    }
}

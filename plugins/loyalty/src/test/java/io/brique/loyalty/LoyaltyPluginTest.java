package io.brique.loyalty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.api.cart.AdjustmentRefused;
import io.brique.api.cart.CartAdjustment;
import io.brique.api.cart.CartSnapshot;
import io.brique.api.event.EventEnvelope;
import io.brique.api.event.Events;
import io.brique.testkit.BriqueTestServer;
import io.brique.testing.HttpSession;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The plugin in a real shop: codes through real checkouts, earning and reversal from events, reservations. */
@Tag("db")
class LoyaltyPluginTest extends LoyaltyShop {


    static String checkoutJson(String email) {
        return """
                {"email":"%s","address":{"firstName":"Ada","lastName":"Lovelace","line1":"1 rue de Rivoli",
                "postcode":"75001","city":"Paris","country":"FR","phone":"+33 1 23 45 67 89"},
                "shippingMethod":"home","paymentMethod":"bank_transfer","locale":"fr"}""".formatted(email);
    }

    private String cart(HttpSession http, BriqueTestServer.Product p) {
        String token = http.postJson("/api/v1/carts", "").json().get("token").asText();
        long variant = sql(Long.class, "SELECT id FROM variant WHERE product_id = ?", p.id());
        assertEquals(200, http.postJson("/api/v1/carts/" + token + "/lines",
                "{\"variantId\":" + variant + ",\"quantity\":1}").status());
        return token;
    }

    @Test
    void aCodeLimitedToThreeUsesIsUsedExactlyThreeTimesUnderParallelCheckouts() throws Exception {
        BriqueTestServer.Product mug = shop.createProduct("loyal-mug", "Mug", "20.00");
        loyalty.promos().create(new PromoService.Promo(0, "Three uses", "fixed", 500, 0, null, null, java.util.Set.of(),
                java.util.Set.of(), 3L, null, false, null, true, 0, true, null), "LIMITED", null);
        int n = 8;
        List<String> carts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            HttpSession http = shop.http();
            String token = cart(http, mug);
            HttpSession.Response saved = http.postForm("/fr/x/loyalty/cart", Map.of("cart", token, "code", "limited"));
            assertEquals(303, saved.status(), saved.body());
            carts.add(token);
        }
        assertEquals("5.00", shop.http().get("/api/v1/carts/" + carts.get(0)).json().get("discount").get("amount")
                .asText(), "the code applies in the cart");
        ExecutorService pool = Executors.newFixedThreadPool(n);
        List<Future<HttpSession.Response>> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String token = carts.get(i);
            String key = "code-race-" + i;
            results.add(pool.submit((Callable<HttpSession.Response>) () -> shop.http().postJson("/api/v1/carts/" + token
                    + "/checkout", checkoutJson("c" + key + "@example.com"), Map.of("Idempotency-Key", key))));
        }
        int created = 0;
        for (Future<HttpSession.Response> f : results) {
            HttpSession.Response r = f.get();
            if (r.status() == 201) {
                created++;
                assertEquals("19.90", r.json().get("total").get("amount").asText(), "20.00 - 5.00 + 4.90");
            } else {
                assertEquals(409, r.status(), r.body());
                assertTrue(r.body().contains("Ce code a déjà été utilisé"), r.body());
            }
        }
        pool.shutdown();
        assertEquals(3, created);
        assertEquals(3, loyalty.promos().promos().get(0).used());
        shop.drainEvents();
        long confirmed = sql(Long.class,
                "SELECT COUNT(*) FROM loyalty_reservation WHERE status = 'confirmed'");
        assertEquals(3, confirmed, "order.placed confirmed the three reservations");
        // a bad code: no discount, and the form refuses junk with a 400
        assertEquals(400, shop.http().postForm("/fr/x/loyalty/cart", Map.of("cart", carts.get(0), "code", "<script>"))
                .status());
        assertEquals(400, shop.http().postForm("/fr/x/loyalty/cart", Map.of("cart", carts.get(0), "points", "-3"))
                .status());
    }

    static Events.OrderPlaced order(String number, long customer, long lineTotal) {
        return new Events.OrderPlaced(1, number, "web", customer, "p@example.com", "EUR", lineTotal, 0, 490, 0,
                lineTotal + 490, null, null, List.of(new Events.OrderLine(1, 1, "SKU", "Thing", 1, lineTotal, lineTotal,
                        2000, List.of(12L), null)));
    }

    @Test
    void ordersEarnPendingPointsWhichAReplayDoesNotDoubleAndACancellationTakesBack() throws Exception {
        shop.saveSettings(ID, Map.of("points_per_euro", "2", "category_multipliers", "12:150", "bonus_first_order", "50"));
        LoyaltyListener listener = new LoyaltyListener(shop.pluginContext(ID));
        EventEnvelope placed = new EventEnvelope(1, "evt-1", Instant.now(), order("BR100001", 7, 10_000));
        listener.onEvent(placed);
        listener.onEvent(placed); // at least once: again
        // 100.00 € x 2 points x 150 % = 300, + 50 first-order bonus; pending until the return window ends
        assertEquals(new LedgerService.Balance(0, 350), loyalty.ledger().balance(7));
        listener.onEvent(new EventEnvelope(2, "evt-2", Instant.now(), new Events.OrderRefunded(1, "BR100001", 7L, "EUR",
                5_245, 5_245, false, "half")));
        assertEquals(new LedgerService.Balance(0, 200), loyalty.ledger().balance(7), "half refunded: 150 taken back");
        listener.onEvent(new EventEnvelope(3, "evt-3", Instant.now(), new Events.OrderStatusChanged(1, "BR100001", 7L,
                "placed", "cancelled", "EUR", 10_490)));
        listener.onEvent(new EventEnvelope(3, "evt-3", Instant.now(), new Events.OrderStatusChanged(1, "BR100001", 7L,
                "placed", "cancelled", "EUR", 10_490)));
        assertEquals(new LedgerService.Balance(0, 50), loyalty.ledger().balance(7), "only the bonus stays");
        assertTrue(loyalty.ledger().reconcile().isEmpty(), loyalty.ledger().reconcile().toString());
    }

    static CartSnapshot snapshot(long customer) {
        return new CartSnapshot("tok", customer, "p@example.com", "EUR", "FR", List.of(new CartSnapshot.Line(1, 1, "S",
                1, 10_000, 10_000, List.of(), null)), 10_000, 490, "home", Map.of("locale", "en"));
    }

    @Test
    void pointsReservedByParallelCheckoutsAreNeverSpentTwiceAndReleaseGivesThemBack() throws Exception {
        loyalty.ledger().adjust(9, 100, "welcome", "test", "adj-9", null);
        List<CartAdjustment> applied = List.of(new CartAdjustment(LoyaltyService.SOURCE_POINTS,
                LoyaltyService.POINTS_PREFIX + "100", "100 points", -100, CartAdjustment.Target.ITEMS));
        LoyaltyAdjuster adjuster = new LoyaltyAdjuster(shop.pluginContext(ID));
        ExecutorService pool = Executors.newFixedThreadPool(10);
        AtomicInteger ok = new AtomicInteger();
        List<Future<?>> all = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String number = "BR9" + String.format("%05d", i);
            all.add(pool.submit(() -> {
                try {
                    adjuster.reserve(snapshot(9), applied, number);
                    ok.incrementAndGet();
                } catch (AdjustmentRefused e) {
                    assertTrue(e.getMessage().contains("no longer available"), e.getMessage());
                }
            }));
        }
        for (Future<?> f : all) {
            f.get();
        }
        pool.shutdown();
        assertEquals(1, ok.get());
        assertEquals(0, loyalty.ledger().balance(9).available());
        String winner = sql(String.class,
                "SELECT order_number FROM loyalty_reservation WHERE status = 'reserved'");
        adjuster.reserve(snapshot(9), applied, winner); // the same number again: idempotent
        adjuster.release(winner);
        adjuster.release(winner);
        assertEquals(100, loyalty.ledger().balance(9).available(), "released once, given back once");
        assertThrows(AdjustmentRefused.class, () -> adjuster.reserve(snapshot(9), applied, winner),
                "a released number is never reserved again");
        adjuster.release("BR-never-seen");
        assertThrows(AdjustmentRefused.class, () -> adjuster.reserve(snapshot(9), applied, "BR-never-seen"),
                "a late reservation after a time-out's release is refused");
        assertTrue(loyalty.ledger().reconcile().isEmpty(), loyalty.ledger().reconcile().toString());
    }

    @Test
    void bulkGenerationMakesOneHundredThousandUniqueCodes() {
        long promo = loyalty.promos().create(new PromoService.Promo(0, "Bulk", "percent", 10, 0, null, null,
                java.util.Set.of(), java.util.Set.of(), null, null, false, null, true, 0, true, null), null, null);
        long t0 = System.nanoTime();
        List<String> codes = loyalty.promos().generate(promo, 100_000, "BQ");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("loyalty bulk codes: 100000 on %s in %d ms%n", BriqueTestServer.databaseKind(), ms);
        assertEquals(100_000, new java.util.HashSet<>(codes).size());
        assertEquals(100_000L, sql(Long.class,
                "SELECT COUNT(*) FROM loyalty_code WHERE promo_id = ?", promo));
        assertTrue(codes.get(0).matches("^BQ[A-HJKMNP-Z2-9]{12}$"), codes.get(0));
    }

    @Test
    void theAdminPagesAndTheApiAnswer() {
        loyalty.ledger().adjust(11, 40, "welcome", "test", "adj-11", null);
        assertEquals(302, shop.http().get("/admin/plugins/loyalty/").status(), "anonymous: sent to the login page");
        HttpSession http = shop.adminHttp();
        HttpSession.Response page = http.get("/admin/plugins/loyalty/");
        assertEquals(200, page.status(), page.body());
        assertTrue(page.body().contains("reconcile-ok"), page.body());
        HttpSession.Response c = http.get("/admin/plugins/loyalty/customers/11");
        assertEquals(200, c.status(), c.body());
        assertTrue(c.body().contains("welcome"));
        String key = c.body().replaceAll("(?s).*name=\"key\" value=\"([^\"]+)\".*", "$1");
        assertEquals(400, http.postForm("/admin/plugins/loyalty/customers/11/adjust", Map.of("points", "5", "reason", "",
                "key", key)).status(), "a reason is required");
        assertEquals(303, http.postForm("/admin/plugins/loyalty/customers/11/adjust", Map.of("points", "-5", "reason",
                "typo", "key", key)).status());
        assertEquals(303, http.postForm("/admin/plugins/loyalty/customers/11/adjust", Map.of("points", "-5", "reason",
                "typo", "key", key)).status(), "the same form twice");
        assertEquals(35, loyalty.ledger().balance(11).available(), "counted once");
        assertEquals(400, http.postForm("/admin/plugins/loyalty/customers/11/adjust", Map.of("points",
                "99999999999999999999", "reason", "huge", "key", "k-" + key)).status());
        assertEquals(401, shop.http().get("/api/v1/plugins/loyalty/me").status());
    }
}

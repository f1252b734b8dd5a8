package io.brique.core.commerce;

import static io.brique.core.db.jooq.Tables.EMAIL_OUTBOX;
import static io.brique.core.db.jooq.Tables.ORDERS;
import static io.brique.core.db.jooq.Tables.ORDER_LINE;
import static io.brique.core.db.jooq.Tables.OUTBOX_EVENT;
import static io.brique.core.db.jooq.Tables.STOCK_MOVEMENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.testing.HttpSession;
import io.brique.core.testing.TestApp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** No oversell and no double order under concurrent checkouts, through the real HTTP API. */
@Tag("db")
class CheckoutConcurrencyTest {

    static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static String newCart(HttpSession http, long variantId, int qty) {
        HttpSession.Response c = http.postJson("/api/v1/carts", "");
        assertEquals(201, c.status(), c.body());
        String token = c.json().get("token").asText();
        HttpSession.Response add = http.postJson("/api/v1/carts/" + token + "/lines",
                "{\"variantId\":" + variantId + ",\"quantity\":" + qty + "}");
        assertEquals(200, add.status(), add.body());
        return token;
    }

    @Test
    void fiftyBuyersTenUnitsExactlyTenOrders() throws Exception {
        long v = CommerceFixtures.product(app, "RACE-10", 1200, 10);
        HttpSession http = app.http();
        List<String> carts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            carts.add(newCart(http, v, 1));
        }
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpSession.Response>> answers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String token = carts.get(i);
            String key = "race-key-" + i + "-" + token.substring(0, 8);
            answers.add(pool.submit(() -> {
                go.await();
                return app.http().postJson("/api/v1/carts/" + token + "/checkout",
                        CommerceFixtures.checkoutJson("buyer@example.com", "home", null, "bank_transfer", "FR"),
                        Map.of("Idempotency-Key", key));
            }));
        }
        go.countDown();
        int created = 0;
        int conflicts = 0;
        for (Future<HttpSession.Response> f : answers) {
            HttpSession.Response r = f.get();
            if (r.status() == 201) {
                created++;
            } else {
                assertEquals(409, r.status(), r.body());
                assertEquals("out_of_stock", r.json().get("code").asText());
                conflicts++;
            }
        }
        pool.shutdown();
        assertEquals(10, created);
        assertEquals(40, conflicts);
        assertEquals(10, CommerceFixtures.reserved(app, v));
        assertEquals(10, CommerceFixtures.onHand(app, v));
        assertEquals(10, CommerceFixtures.count(app, ORDERS));
        assertEquals(10, CommerceFixtures.count(app, ORDER_LINE));
        assertEquals(10, CommerceFixtures.dsl(app).fetchCount(STOCK_MOVEMENT, STOCK_MOVEMENT.VARIANT_ID.eq(v)));
        assertEquals(10, CommerceFixtures.count(app, EMAIL_OUTBOX));
        assertEquals(10, CommerceFixtures.dsl(app).fetchCount(OUTBOX_EVENT, OUTBOX_EVENT.TYPE.eq("order.placed")));
    }

    @Test
    void twentyIdenticalSubmitsMakeOneOrder() throws Exception {
        long v = CommerceFixtures.product(app, "IDEM-1", 990, 100);
        HttpSession http = app.http();
        String token = newCart(http, v, 2);
        int ordersBefore = CommerceFixtures.count(app, ORDERS);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpSession.Response>> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            answers.add(pool.submit(() -> {
                go.await();
                return app.http().postJson("/api/v1/carts/" + token + "/checkout",
                        CommerceFixtures.checkoutJson("same@example.com", "home", null, "bank_transfer", "DE"),
                        Map.of("Idempotency-Key", "same-key-for-all-20"));
            }));
        }
        go.countDown();
        Set<String> numbers = new HashSet<>();
        int created = 0;
        for (Future<HttpSession.Response> f : answers) {
            HttpSession.Response r = f.get();
            assertTrue(r.status() == 201 || r.status() == 200, r.status() + " " + r.body());
            if (r.status() == 201) {
                created++;
            }
            numbers.add(r.json().get("number").asText());
        }
        pool.shutdown();
        assertEquals(1, created, "exactly one answer says created");
        assertEquals(1, numbers.size(), "all answers carry the same order: " + numbers);
        assertEquals(ordersBefore + 1, CommerceFixtures.count(app, ORDERS));
        assertEquals(2, CommerceFixtures.reserved(app, v));
        assertEquals(1, CommerceFixtures.dsl(app).fetchCount(EMAIL_OUTBOX,
                EMAIL_OUTBOX.REFERENCE.eq(numbers.iterator().next())));
        // DE VAT: 9.90 FR (20 %) -> 9.90 / 1.20 * 1.19 = 9.8175 -> 9.82; 2 x 9.82 + 4.90 shipping
        HttpSession.Response replay = app.http().postJson("/api/v1/carts/" + token + "/checkout",
                CommerceFixtures.checkoutJson("same@example.com", "home", null, "bank_transfer", "DE"),
                Map.of("Idempotency-Key", "same-key-for-all-20"));
        assertEquals(200, replay.status());
        assertEquals("9.82", replay.json().get("lines").get(0).get("unitPrice").get("amount").asText());
        assertEquals("24.54", replay.json().get("total").get("amount").asText());
        // Another key on the already ordered cart: the same order, never a second one.
        HttpSession.Response otherKey = app.http().postJson("/api/v1/carts/" + token + "/checkout",
                CommerceFixtures.checkoutJson("same@example.com", "home", null, "bank_transfer", "DE"),
                Map.of("Idempotency-Key", "another-key-same-cart"));
        assertEquals(200, otherKey.status(), otherKey.body());
        assertEquals(numbers.iterator().next(), otherKey.json().get("number").asText());
        assertEquals(ordersBefore + 1, CommerceFixtures.count(app, ORDERS));
    }
}

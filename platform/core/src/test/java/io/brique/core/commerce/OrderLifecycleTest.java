package io.brique.core.commerce;

import static io.brique.core.db.jooq.Tables.ORDER_STATUS_CHANGE;
import static io.brique.core.db.jooq.Tables.OUTBOX_EVENT;
import static io.brique.core.db.jooq.Tables.REFUND;
import static io.brique.core.db.jooq.Tables.STOCK_MOVEMENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.brique.testing.HttpSession;
import io.brique.core.testing.TestApp;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The order state machine, its stock effects and refunds, through the back-office API. */
@Tag("db")
class OrderLifecycleTest {

    static TestApp app;
    static String token;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        token = app.apiToken();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private Map<String, String> auth() {
        return Map.of("Authorization", "Bearer " + token);
    }

    private JsonNode order(long variantId, int qty) {
        HttpSession http = app.http();
        String cart = http.postJson("/api/v1/carts", "").json().get("token").asText();
        assertEquals(200, http.postJson("/api/v1/carts/" + cart + "/lines",
                "{\"variantId\":" + variantId + ",\"quantity\":" + qty + "}").status());
        HttpSession.Response r = http.postJson("/api/v1/carts/" + cart + "/checkout",
                CommerceFixtures.checkoutJson("life@example.com", "home", null, "bank_transfer", "FR"),
                Map.of("Idempotency-Key", "life-" + cart));
        assertEquals(201, r.status(), r.body());
        return r.json();
    }

    private HttpSession.Response transition(String number, String to) {
        return app.http().postJson("/api/v1/orders/" + number + "/transitions", "{\"to\":\"" + to + "\",\"note\":\"t\"}",
                auth());
    }

    private HttpSession.Response refund(String number, String amount, boolean restock) {
        return app.http().postJson("/api/v1/orders/" + number + "/refunds",
                "{\"amount\":\"" + amount + "\",\"reason\":\"r\",\"restock\":" + restock + "}", auth());
    }

    @Test
    void placedPaidShippedDeliveredMovesStock() {
        long v = CommerceFixtures.product(app, "LIFE-1", 3000, 10);
        String n = order(v, 3).get("number").asText();
        assertEquals(3, CommerceFixtures.reserved(app, v));
        assertEquals(409, transition(n, "shipped").status(), "placed cannot ship before payment");
        HttpSession.Response illegal = transition(n, "delivered");
        assertEquals(409, illegal.status());
        assertTrue(illegal.json().get("detail").asText().contains("is placed"), illegal.body());
        assertEquals("paid", transition(n, "paid").json().get("status").asText());
        assertEquals(409, transition(n, "paid").status(), "paid twice");
        assertEquals("shipped", transition(n, "shipped").json().get("status").asText());
        assertEquals(0, CommerceFixtures.reserved(app, v));
        assertEquals(7, CommerceFixtures.onHand(app, v));
        assertEquals(409, transition(n, "cancelled").status(), "a shipped order cannot be cancelled");
        JsonNode delivered = transition(n, "delivered").json();
        assertEquals("delivered", delivered.get("status").asText());
        assertEquals(4, delivered.get("history").size());
        assertEquals("captured", delivered.get("payments").get(0).get("status").asText());
        assertEquals(3, CommerceFixtures.dsl(app).fetchCount(OUTBOX_EVENT, OUTBOX_EVENT.TYPE.in("order.paid",
                "order.shipped", "order.delivered").and(OUTBOX_EVENT.AGGREGATE_ID.eq(
                String.valueOf(orderId(n))))));
        assertEquals(2, CommerceFixtures.dsl(app).fetchCount(STOCK_MOVEMENT, STOCK_MOVEMENT.VARIANT_ID.eq(v)));
        assertEquals(400, transition(n, "teleported").status());
        assertEquals(404, transition("BR999999", "paid").status());
    }

    private long orderId(String number) {
        return CommerceFixtures.dsl(app).select(io.brique.core.db.jooq.Tables.ORDERS.ID)
                .from(io.brique.core.db.jooq.Tables.ORDERS).where(io.brique.core.db.jooq.Tables.ORDERS.NUMBER.eq(number))
                .fetchOne(io.brique.core.db.jooq.Tables.ORDERS.ID);
    }

    @Test
    void cancellingReleasesTheReservation() {
        long v = CommerceFixtures.product(app, "LIFE-2", 1000, 5);
        String n = order(v, 2).get("number").asText();
        assertEquals(2, CommerceFixtures.reserved(app, v));
        assertEquals("cancelled", transition(n, "cancelled").json().get("status").asText());
        assertEquals(0, CommerceFixtures.reserved(app, v));
        assertEquals(5, CommerceFixtures.onHand(app, v));
        assertEquals(409, transition(n, "paid").status());
        assertEquals(409, refund(n, "1.00", false).status(), "a cancelled order is not refundable");
    }

    @Test
    void cancellingAPaidOrderRefundsWhatWasPaid() {
        long v = CommerceFixtures.product(app, "LIFE-CANCEL-PAID", 1500, 5);
        JsonNode o = order(v, 1);
        String n = o.get("number").asText();
        long id = CommerceFixtures.dsl(app).select(io.brique.core.db.jooq.Tables.ORDERS.ID)
                .from(io.brique.core.db.jooq.Tables.ORDERS).where(io.brique.core.db.jooq.Tables.ORDERS.NUMBER.eq(n))
                .fetchOne(io.brique.core.db.jooq.Tables.ORDERS.ID);
        assertEquals("paid", transition(n, "paid").json().get("status").asText());
        JsonNode cancelled = transition(n, "cancelled").json();
        assertEquals("cancelled", cancelled.get("status").asText());
        assertEquals(1, CommerceFixtures.dsl(app).fetchCount(REFUND, REFUND.ORDER_ID.eq(id)),
                "the payment is refunded in the same transaction");
        assertEquals(o.get("total").get("amount").asText(),
                io.brique.api.Money.of(CommerceFixtures.dsl(app).select(REFUND.AMOUNT_MINOR).from(REFUND)
                        .where(REFUND.ORDER_ID.eq(id)).fetchOne(REFUND.AMOUNT_MINOR), "EUR").toDecimal().toPlainString());
        assertEquals(1, CommerceFixtures.dsl(app).fetchCount(OUTBOX_EVENT, OUTBOX_EVENT.TYPE.eq("order.refund_issued")
                .and(OUTBOX_EVENT.AGGREGATE_ID.eq(Long.toString(id)))));
        assertEquals(0, CommerceFixtures.reserved(app, v));
    }

    @Test
    void refundsPartialThenFullAndNeverMore() {
        long v = CommerceFixtures.product(app, "LIFE-3", 2000, 5);
        JsonNode o = order(v, 2);
        String n = o.get("number").asText();
        assertEquals("44.90", o.get("total").get("amount").asText(), "2 x 20.00 + 4.90 shipping");
        assertEquals(409, refund(n, "5.00", false).status(), "not paid yet");
        transition(n, "paid");
        transition(n, "shipped");
        assertEquals(3, CommerceFixtures.onHand(app, v));
        HttpSession.Response partial = refund(n, "10.00", false);
        assertEquals(201, partial.status(), partial.body());
        assertEquals("10.00", partial.json().get("refunded").get("amount").asText());
        assertEquals("shipped", partial.json().get("status").asText());
        HttpSession.Response over = refund(n, "34.91", false);
        assertEquals(400, over.status(), over.body());
        assertEquals(400, refund(n, "0", false).status());
        assertEquals(400, refund(n, "-1.00", false).status());
        assertEquals(400, refund(n, "abc", false).status());
        assertEquals(400, refund(n, "1.001", false).status());
        HttpSession.Response partialRestock = refund(n, "5.00", true);
        assertEquals(400, partialRestock.status(), "restock only with a full refund");
        assertTrue(partialRestock.body().contains("restock"), partialRestock.body());
        assertEquals(3, CommerceFixtures.onHand(app, v), "nothing restocked, nothing refunded");
        HttpSession.Response full = refund(n, "34.90", true);
        assertEquals(201, full.status(), full.body());
        assertEquals("refunded", full.json().get("status").asText());
        assertEquals("44.90", full.json().get("refunded").get("amount").asText());
        assertEquals(5, CommerceFixtures.onHand(app, v), "restocked");
        assertEquals(409, refund(n, "0.01", false).status());
        assertEquals(2, CommerceFixtures.dsl(app).fetchCount(REFUND));
        assertEquals(2, CommerceFixtures.dsl(app).fetchCount(OUTBOX_EVENT, OUTBOX_EVENT.TYPE.eq("order.refund_issued")));
        assertTrue(CommerceFixtures.dsl(app).fetchCount(ORDER_STATUS_CHANGE, ORDER_STATUS_CHANGE.TO_STATUS.eq("refunded")) >= 1);
    }

    @Test
    void concurrentTransitionsAndRefundsCannotBothWin() throws Exception {
        long v = CommerceFixtures.product(app, "LIFE-5", 1000, 50);
        String n = order(v, 1).get("number").asText(); // 10.00 + 4.90 = 14.90
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(10);
        java.util.List<java.util.concurrent.Future<Integer>> paid = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            paid.add(pool.submit(() -> transition(n, "paid").status()));
        }
        int ok = 0;
        for (var f : paid) {
            int s = f.get();
            assertTrue(s == 200 || s == 409, "status " + s);
            ok += s == 200 ? 1 : 0;
        }
        assertEquals(1, ok, "exactly one of ten concurrent 'paid' transitions wins");
        java.util.List<java.util.concurrent.Future<Integer>> refunds = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            refunds.add(pool.submit(() -> refund(n, "4.00", false).status()));
        }
        int refunded = 0;
        for (var f : refunds) {
            int s = f.get();
            assertTrue(s == 201 || s == 400 || s == 409, "status " + s);
            refunded += s == 201 ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(3, refunded, "3 x 4.00 fit in 14.90, a fourth would not");
        JsonNode o = app.http().get("/api/v1/orders/" + n, auth()).json();
        assertEquals("12.00", o.get("refunded").get("amount").asText());
        assertEquals(1, CommerceFixtures.dsl(app).fetchCount(ORDER_STATUS_CHANGE,
                ORDER_STATUS_CHANGE.ORDER_ID.eq(orderId(n)).and(ORDER_STATUS_CHANGE.TO_STATUS.eq("paid"))));
    }

    @Test
    void listAndReadNeedAToken() {
        long v = CommerceFixtures.product(app, "LIFE-4", 500, 5);
        String n = order(v, 1).get("number").asText();
        assertEquals(401, app.http().get("/api/v1/orders").status());
        assertEquals(401, app.http().get("/api/v1/orders/" + n).status());
        assertEquals(401, app.http().postJson("/api/v1/orders/" + n + "/transitions", "{\"to\":\"paid\"}").status());
        String readOnly = app.app().core().apiTokens().create("ro", "orders:read");
        assertEquals(403, app.http().postJson("/api/v1/orders/" + n + "/transitions", "{\"to\":\"paid\"}",
                Map.of("Authorization", "Bearer " + readOnly)).status());
        JsonNode list = app.http().get("/api/v1/orders?status=placed&size=100", auth()).json();
        assertTrue(list.get("total").asInt() >= 1);
        list.get("items").forEach(i -> assertEquals("placed", i.get("status").asText()));
        assertEquals(400, app.http().get("/api/v1/orders?status=nope", auth()).status());
        assertEquals(400, app.http().get("/api/v1/orders?page=0", auth()).status());
        assertEquals(n, app.http().get("/api/v1/orders/" + n, auth()).json().get("number").asText());
    }
}

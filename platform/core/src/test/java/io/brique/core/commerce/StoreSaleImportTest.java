package io.brique.core.commerce;

import static io.brique.core.db.jooq.Tables.ORDERS;
import static io.brique.core.db.jooq.Tables.ORDER_LINE;
import static io.brique.core.db.jooq.Tables.OUTBOX_EVENT;
import static io.brique.core.db.jooq.Tables.STOCK_MOVEMENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.brique.core.db.jooq.tables.records.OrdersRecord;
import io.brique.testing.HttpSession;
import io.brique.core.testing.TestApp;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Offline store sales: grouped receipts, all-or-nothing per receipt, idempotent re-import, stock never below 0. */
@Tag("db")
class StoreSaleImportTest {

    static TestApp app;
    static String token;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        CommerceFixtures.stores(app);
        token = app.apiToken();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private HttpSession.Response post(String csv) {
        return app.http().send("POST", "/api/v1/imports/store-sales", "text/csv; charset=utf-8",
                csv.getBytes(StandardCharsets.UTF_8), Map.of("Authorization", "Bearer " + token));
    }

    @Test
    void importsGoodReceiptsAndReportsBadOnes() {
        long a = CommerceFixtures.product(app, "SHOP-A", 2000, 10);
        long b = CommerceFixtures.product(app, "SHOP-B", 500, 1);
        app.http().postJson("/api/v1/customers", "{\"email\":\"known@example.com\",\"password\":\"long enough pw\"}");
        String csv = """
                receipt_ref,store_code,sold_at,sku,quantity,unit_price,currency,email,first_name,last_name
                R1,PAR-MARAIS,2026-11-20T10:15:00+01:00,SHOP-A,2,19.00,EUR,Known@Example.com,Kim,Known
                R1,PAR-MARAIS,2026-11-20T10:15:00+01:00,SHOP-B,3,5.00,EUR,Known@Example.com,Kim,Known
                R2,PAR-MARAIS,2026-11-20T11:00:00+01:00,SHOP-A,1,20.00,EUR,,,
                R2,PAR-MARAIS,2026-11-20T11:00:00+01:00,SHOP-A,two,20.00,EUR,,,
                R3,LYS-PRESQUILE,2026-11-21T09:00:00Z,SHOP-A,1,20.00,EUR,,,
                R4,LYS-PRESQUILE,2026-11-21T09:30:00Z,NOPE,1,20.00,EUR,,,
                R5,PAR-MARAIS,yesterday,SHOP-A,1,20.00,EUR,,,
                R6,NOWHERE,2026-11-21T09:30:00Z,SHOP-A,1,20.00,EUR,,,
                R7,PAR-MARAIS,2026-11-21T09:30:00Z,SHOP-A,1,-3.00,USD,bad-email,,
                """;
        int ordersBefore = CommerceFixtures.count(app, ORDERS);
        HttpSession.Response r = post(csv);
        assertEquals(200, r.status(), r.body());
        JsonNode rep = r.json();
        assertEquals(7, rep.get("receipts").asInt());
        assertEquals(2, rep.get("created").asInt(), r.body());
        assertEquals(5, rep.get("rejected").asInt(), r.body());
        assertTrue(hasProblem(rep, 5, "quantity"), r.body());
        assertTrue(hasProblem(rep, 7, "sku"), r.body());
        assertTrue(hasProblem(rep, 8, "sold_at"), r.body());
        assertTrue(hasProblem(rep, 9, "store_code"), r.body());
        assertTrue(hasProblem(rep, 10, "currency") && hasProblem(rep, 10, "email"), r.body());
        assertEquals(ordersBefore + 2, CommerceFixtures.count(app, ORDERS));

        OrdersRecord r1 = CommerceFixtures.dsl(app).selectFrom(ORDERS).where(ORDERS.EXTERNAL_REF.eq("R1")).fetchOne();
        assertEquals("store", r1.getChannel());
        assertEquals("delivered", r1.getStatus());
        assertNotNull(r1.getCustomerId(), "linked by e-mail");
        assertEquals(2 * 1900 + 3 * 500, r1.getTotalMinor());
        assertEquals(2, CommerceFixtures.dsl(app).fetchCount(ORDER_LINE, ORDER_LINE.ORDER_ID.eq(r1.getId())));
        assertEquals(0, CommerceFixtures.dsl(app).fetchCount(ORDERS, ORDERS.EXTERNAL_REF.eq("R2")), "bad receipt skipped whole");
        assertEquals(10 - 2 - 1, CommerceFixtures.onHand(app, a));
        assertEquals(0, CommerceFixtures.onHand(app, b), "3 sold with 1 on hand: never below zero");
        assertEquals(-1, CommerceFixtures.dsl(app).select(STOCK_MOVEMENT.DELTA_ON_HAND).from(STOCK_MOVEMENT)
                .where(STOCK_MOVEMENT.VARIANT_ID.eq(b)).fetchOne(STOCK_MOVEMENT.DELTA_ON_HAND));
        assertEquals(2, CommerceFixtures.dsl(app).fetchCount(OUTBOX_EVENT, OUTBOX_EVENT.TYPE.eq("order.placed")));

        // Re-importing the same file creates nothing more.
        JsonNode again = post(csv).json();
        assertEquals(0, again.get("created").asInt());
        assertEquals(2, again.get("skippedExisting").asInt());
        assertEquals(ordersBefore + 2, CommerceFixtures.count(app, ORDERS));
        assertEquals(7, CommerceFixtures.onHand(app, a));
    }

    private static boolean hasProblem(JsonNode rep, int line, String column) {
        for (JsonNode p : rep.get("problems")) {
            if (p.get("line").asInt() == line && column.equals(p.get("column").asText())) {
                return true;
            }
        }
        return false;
    }

    @Test
    void refusesWithoutTokenWrongTypeOrBrokenFile() {
        assertEquals(401, app.http().send("POST", "/api/v1/imports/store-sales", "text/csv", "a".getBytes(),
                Map.of()).status());
        assertEquals(415, app.http().send("POST", "/api/v1/imports/store-sales", "application/json", "{}".getBytes(),
                Map.of("Authorization", "Bearer " + token)).status());
        assertEquals(400, post("").status());
        HttpSession.Response missing = post("receipt_ref,sku\nR1,X\n");
        assertEquals(200, missing.status());
        assertEquals(0, missing.json().get("created").asInt());
        assertTrue(missing.body().contains("missing column"));
        HttpSession.Response quotes = post("receipt_ref,store_code,sold_at,sku,quantity,unit_price,currency\n"
                + "\"R9,PAR-MARAIS,2026-11-21T09:30:00Z,SHOP-A,1,1.00,EUR\n");
        assertTrue(quotes.status() == 200 || quotes.status() == 400, quotes.body());
        assertEquals(400, app.http().send("POST", "/api/v1/imports/store-sales", "text/csv",
                new byte[] {(byte) 0xC3, (byte) 0x28}, Map.of("Authorization", "Bearer " + token)).status());
    }
}

package io.brique.admin.shop;

import static io.brique.core.db.jooq.Tables.ADMIN_AUDIT;
import static io.brique.core.db.jooq.Tables.ORDERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.admin.AdminTestApp;
import io.brique.core.commerce.CommerceFixtures;
import io.brique.testing.HttpSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Orders list: CSV export of the filtered list (injection-safe) and bulk status changes with per-order results. */
@Tag("db")
class OrderBulkExportTest {

    static AdminTestApp app;
    static HttpSession owner;
    static long variant;

    @BeforeAll
    static void start() {
        app = AdminTestApp.start();
        owner = app.loginAs("owner");
        variant = CommerceFixtures.product(app.app(), "BULK-1", 1999, 500);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static DSLContext dsl() {
        return app.app().app().core().db().dsl();
    }

    static String status(String number) {
        return dsl().select(ORDERS.STATUS).from(ORDERS).where(ORDERS.NUMBER.eq(number)).fetchOne(0, String.class);
    }

    /** Posts the bulk form with several values of {@code numbers}. */
    static HttpSession.Response bulk(HttpSession s, String to, List<String> numbers) {
        StringBuilder body = new StringBuilder("_csrf=").append(s.csrfToken()).append("&to=").append(to);
        numbers.forEach(n -> body.append("&numbers=").append(java.net.URLEncoder.encode(n, StandardCharsets.UTF_8)));
        return s.send("POST", "/admin/orders/bulk", "application/x-www-form-urlencoded",
                body.toString().getBytes(StandardCharsets.UTF_8), Map.of());
    }

    @Test
    void exportIsTheFilteredListWithFormulasNeutralised() {
        String evil = "=HYPERLINK(\"http://evil.example\",\"x\")@bulk.test";
        String a = ShopFixtures.order(app, variant, 1, "export-a@bulk.test");
        String b = ShopFixtures.order(app, variant, 2, "export-b@bulk.test");
        dsl().update(ORDERS).set(ORDERS.ADDR_FIRST_NAME, "+cmd|' /C calc'!A0").set(ORDERS.ADDR_LAST_NAME, "-2+3")
                .set(ORDERS.ADDR_CITY, "@SUM(1,2)").set(ORDERS.EMAIL, evil).where(ORDERS.NUMBER.eq(a)).execute();
        String other = ShopFixtures.order(app, variant, 1, "someone-else@elsewhere.test");
        HttpSession.Response r = owner.get("/admin/orders/export.csv?customer=bulk.test&sort=number&dir=asc");
        assertEquals(200, r.status(), r.body());
        assertTrue(r.header("Content-Type").startsWith("text/csv"));
        assertTrue(r.header("Content-Disposition").contains("orders.csv"));
        List<String> lines = r.body().lines().toList();
        assertTrue(lines.get(0).startsWith("\uFEFFnumber,placed_at,status"), lines.get(0));
        assertTrue(r.body().contains(b), "matching order exported");
        assertFalse(r.body().contains(other), "the filter applies to the export");
        String rowA = lines.stream().filter(l -> l.startsWith(a + ",")).findFirst().orElseThrow();
        assertTrue(rowA.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")@bulk.test\""), rowA);
        assertTrue(rowA.contains(",'+cmd|' /C calc'!A0,"), rowA);
        assertTrue(rowA.contains(",'-2+3,"), rowA);
        assertTrue(rowA.contains(",\"'@SUM(1,2)\","), rowA);
        assertTrue(rowA.endsWith(",EUR,19.99,") || rowA.contains(",EUR,"), rowA);
        String rowB = lines.stream().filter(l -> l.startsWith(b + ",")).findFirst().orElseThrow();
        assertTrue(rowB.contains(",placed,web,export-b@bulk.test,"), rowB);
        assertTrue(rowB.contains(",39.98,"), "amounts in currency units: " + rowB);
        assertEquals(1, dsl().fetchCount(ADMIN_AUDIT, ADMIN_AUDIT.ACTION.eq("order.export")
                .and(ADMIN_AUDIT.SUMMARY.contains("bulk.test"))), "the export is audited");
    }

    @Test
    void badFiltersGiveTheListWithFieldErrorsNotAFile() {
        HttpSession.Response r = owner.get("/admin/orders/export.csv?status=nope&from=2026-02-30");
        assertEquals(400, r.status());
        assertTrue(r.header("Content-Type").startsWith("text/html"));
        assertTrue(r.body().contains("field-error"));
    }

    @Test
    void staffMayExportButNotRunBulkActions() {
        HttpSession staff = app.loginAs("staff");
        assertEquals(200, staff.get("/admin/orders/export.csv").status());
        String n = ShopFixtures.order(app, variant, 1, "staff-bulk@bulk.test");
        assertEquals(403, bulk(staff, "paid", List.of(n)).status());
        assertEquals("placed", status(n));
        assertFalse(staff.get("/admin/orders").body().contains("id=\"bulk-submit\""), "no bulk form for staff");
    }

    @Test
    void bulkShipMovesEachOrderAndReportsTheOnesThatCannotMove() {
        String paid1 = ShopFixtures.order(app, variant, 1, "bulk1@bulk.test");
        String paid2 = ShopFixtures.order(app, variant, 1, "bulk2@bulk.test");
        String placed = ShopFixtures.order(app, variant, 1, "bulk3@bulk.test");
        assertEquals(303, bulk(owner, "paid", List.of(paid1, paid2)).status(), "all moved: redirect with a flash");
        assertEquals("paid", status(paid1));
        HttpSession.Response r = bulk(owner, "shipped", List.of(paid1, placed, "BR999999", paid2));
        assertEquals(400, r.status(), "some could not move");
        assertEquals("shipped", status(paid1));
        assertEquals("shipped", status(paid2));
        assertEquals("placed", status(placed), "a placed order cannot be shipped: left as it was");
        String results = r.body().substring(r.body().indexOf("id=\"bulk-results\""));
        results = results.substring(0, results.indexOf("</table>"));
        assertTrue(results.contains(paid1) && results.contains(paid2) && results.contains(placed)
                && results.contains("BR999999"), results);
        assertEquals(2, results.split("Done|Fait", -1).length - 1, results);
        assertTrue(results.contains("Refused") || results.contains("Refusé"), results);
        assertTrue(results.contains("No such order") || results.contains("introuvable"), results);
        assertEquals(2, dsl().fetchCount(ADMIN_AUDIT, ADMIN_AUDIT.ACTION.eq("order.status")
                .and(ADMIN_AUDIT.SUMMARY.eq("paid -> shipped (bulk)"))));
    }

    @Test
    void bulkWithoutSelectionOrWithAnUnknownStatusIsAFieldError() {
        HttpSession.Response none = bulk(owner, "shipped", List.of());
        assertEquals(400, none.status());
        assertTrue(none.body().contains("Select at least one order") || none.body().contains("au moins une"));
        String n = ShopFixtures.order(app, variant, 1, "bulk-bad@bulk.test");
        HttpSession.Response bad = bulk(owner, "refunded", List.of(n));
        assertEquals(400, bad.status());
        assertEquals("placed", status(n));
        HttpSession.Response noCsrf = owner.postFormRaw("/admin/orders/bulk", Map.of("to", "paid", "numbers", n));
        assertEquals(403, noCsrf.status());
        assertEquals("placed", status(n));
    }

    @Test
    void exportStreamsManyOrders() throws Exception {
        // 300 orders inserted straight in the table (placing them through checkout would take long)
        var template = dsl().selectFrom(ORDERS).limit(1).fetchOne();
        if (template == null) {
            ShopFixtures.order(app, variant, 1, "seed@bulk.test");
            template = dsl().selectFrom(ORDERS).limit(1).fetchOne();
        }
        for (int i = 0; i < 300; i++) {
            var copy = template.copy();
            copy.setNumber("MANY" + String.format("%05d", i));
            copy.setEmail("many@stream.test");
            copy.setCartId(null);
            copy.setIdempotencyKey(null);
            copy.setAccessToken(null);
            copy.setExternalRef(null);
            dsl().executeInsert(copy);
        }
        HttpResponse<java.io.InputStream> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(app.app().url("/admin/orders/export.csv?customer=many%40stream.test")))
                .header("Cookie", "brq_admin=" + owner.cookie("brq_admin")).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, r.statusCode());
        assertFalse(r.headers().firstValue("Content-Length").isPresent(), "streamed, not buffered");
        long rows;
        try (var in = r.body()) {
            rows = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("MANY")).count();
        }
        assertEquals(300, rows);
    }

    @Test
    void partialRefundPutsReturnedUnitsBackLineByLineNeverTwice() {
        long v = CommerceFixtures.product(app.app(), "RETURN-1", 1000, 20);
        String n = ShopFixtures.order(app, v, 3, "returns@bulk.test");
        var orders = app.app().app().commerce().orders();
        long line = orders.byNumber(n).lines().get(0).getId();
        // paid, not shipped: units cannot come back
        orders.transition(n, "paid", null, "test");
        HttpSession.Response notShipped = owner.postForm("/admin/orders/" + n + "/refund", Map.of("mode", "partial",
                "amount", "5", "restock_" + line, "1"));
        assertEquals(400, notShipped.status());
        orders.transition(n, "shipped", null, "test");
        int shipped = CommerceFixtures.onHand(app.app(), v);
        assertTrue(owner.get("/admin/orders/" + n).body().contains("id=\"restock_" + line + "\""), "per-line field");
        assertEquals(303, owner.postForm("/admin/orders/" + n + "/refund", Map.of("mode", "partial", "amount", "10",
                "restock_" + line, "2", "reason", "two returned")).status());
        assertEquals(shipped + 2, CommerceFixtures.onHand(app.app(), v), "two units back on hand");
        HttpSession.Response tooMany = owner.postForm("/admin/orders/" + n + "/refund", Map.of("mode", "partial",
                "amount", "1", "restock_" + line, "2"));
        assertEquals(400, tooMany.status(), "only one unit was not returned yet");
        assertTrue(tooMany.body().contains("value=\"2\""), "typed value kept");
        assertEquals(shipped + 2, CommerceFixtures.onHand(app.app(), v));
        // the full refund with restock returns only the last unit
        assertEquals(303, owner.postForm("/admin/orders/" + n + "/refund", Map.of("mode", "full", "restock", "on"))
                .status());
        assertEquals(shipped + 3, CommerceFixtures.onHand(app.app(), v), "each unit back once");
        assertEquals("refunded", status(n));
    }
}

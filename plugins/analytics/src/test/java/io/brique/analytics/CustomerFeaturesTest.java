package io.brique.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.api.event.Events;
import io.brique.api.segment.CustomerSegment;
import io.brique.testkit.BriqueTestServer;
import io.brique.testing.HttpSession;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Consented mode end to end: login stitching, segments through the SDK, panel, widget, GDPR export and erasure. */
@Tag("db")
class CustomerFeaturesTest {

    BriqueTestServer shop;

    @BeforeEach
    void start() {
        shop = BriqueTestServer.start();
        shop.installFolder(Path.of("target/classes"));
        shop.enable("analytics");
        shop.saveSettings("analytics", Map.of("mode", "consented", "retention_days", "395", "queue_batches", "5000",
                "tracker", "true"));
    }

    @AfterEach
    void stop() {
        shop.close();
    }

    long count(String sql) throws SQLException {
        try (Connection c = shop.pluginContext("analytics").dataSource().getConnection();
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static Events.OrderPlaced order(long id, long customer, long total, Long store) {
        return new Events.OrderPlaced(id, "BR" + id, store == null ? "web" : "store", customer, "c@example.com", "EUR",
                total, 0, 0, 0, total, null, store, List.of(new Events.OrderLine(1, 5, "TEA", "Tea", 1, total, total, 550)));
    }

    @Test
    void stitchingSegmentsPanelsExportAndErasure() throws Exception {
        HttpSession http = shop.http();
        String before = "{\"client_id\":\"vis123456\",\"consent\":true,\"events\":[{\"name\":\"page_view\",\"params\":"
                + "{\"page_location\":\"https://shop.example/?utm_source=news&utm_medium=email&utm_campaign=may\"}}]}";
        String after = "{\"client_id\":\"vis123456\",\"user_id\":\"7\",\"consent\":true,\"events\":[{\"name\":\"page_view\","
                + "\"params\":{\"page_location\":\"https://shop.example/account\"}}]}";
        assertEquals(202, http.postJson(CollectionTest.API, before, CollectionTest.BROWSER).status());
        assertEquals(202, http.postJson(CollectionTest.API, after, CollectionTest.BROWSER).status());
        shop.publish(order(1, 7, 3000, null));
        shop.publish(order(2, 7, 2000, null));
        shop.publish(order(3, 8, 9000, 1L));
        shop.drainEvents();
        shop.disable("analytics"); // flushes the collector
        shop.enable("analytics");
        assertEquals(2, count("SELECT COUNT(*) FROM analytics_event WHERE visitor_key = 'v:vis123456'"));

        // another brick reads segments through the SDK
        CustomerSegment seven = shop.pluginContext("some-other-brick").customerSegment(7).orElseThrow();
        assertEquals("repeat", seven.maturity());
        assertEquals("online", seven.channel());
        assertEquals(2, seven.orders());
        CustomerSegment eight = shop.pluginContext("some-other-brick").customerSegment(8).orElseThrow();
        assertEquals("first_time", eight.maturity());
        assertEquals("store_only", eight.channel());
        assertTrue(shop.pluginContext("some-other-brick").customerSegment(99).isEmpty());

        var ctx = shop.pluginContext("analytics");
        String panel = new AdminPanels(ctx).render(7, "en");
        assertTrue(panel.contains("repeat · online"), panel);
        // the visit before the login and the one after are one stitched visit of customer 7, from the e-mail
        assertTrue(panel.contains(" email, 2 pages</li>"), panel);
        assertTrue(new Dashboard(ctx).render("en").contains("<th>Orders</th><td>3</td>"));

        Map<String, Object> export = new CustomerData(ctx).export(7, "c@example.com");
        assertEquals(4, ((List<?>) export.get("events")).size(), "2 page views and 2 purchases");
        assertEquals(2, ((List<?>) export.get("orders")).size());
        String erased = new CustomerData(ctx).erase(7, "c@example.com");
        assertTrue(erased.contains("4 events deleted, 2 orders anonymised"), erased);
        assertEquals(0, count("SELECT COUNT(*) FROM analytics_event WHERE visitor_key = 'v:vis123456' OR customer_id = 7"));
        assertEquals(14000, count("SELECT SUM(total_minor) FROM analytics_order"), "revenue totals are kept");
        assertEquals(0, count("SELECT COUNT(*) FROM analytics_order WHERE customer_id = 7"));
    }

    @Test
    void storeSalesImportAllOrNothingIdempotentAndOmnichannel() throws Exception {
        shop.saveSettings("analytics", Map.of("mode", "consented", "retention_days", "395", "queue_batches", "5000",
                "tracker", "true", "import_token", "s3cret-token"));
        HttpSession http = shop.http();
        String url = "/api/v1/plugins/analytics/import/store-sales";
        Map<String, String> auth = Map.of("Authorization", "Bearer s3cret-token");
        String csv = StoreImport.HEADER + "\r\n"
                + "S-1,2026-03-01 10:15:00,7,TEA,\"Tea, green\",Tea,2,4.50,EUR\r\n"
                + "S-1,2026-03-01 10:15:00,7,MUG,Mug,Kitchen,1,9.00,EUR\r\n"
                + "S-2,2026-03-02T11:00:00Z,,TEA,Tea,Tea,1,4.50,EUR\r\n";
        assertEquals(401, http.send("POST", url, "text/csv", csv.getBytes(), Map.of()).status());
        HttpSession.Response bad = http.send("POST", url, "text/csv",
                (csv + "S-3,yesterday,7,TEA,Tea,Tea,1,4.50,EUR\r\n").getBytes(), auth);
        assertEquals(400, bad.status());
        assertEquals("line 5", bad.json().get("errors").get(0).get("field").asText(), bad.body());
        assertEquals(0, count("SELECT COUNT(*) FROM analytics_order"), "a bad line rejects the whole file");
        HttpSession.Response ok = http.send("POST", url, "text/csv", csv.getBytes(), auth);
        assertEquals(200, ok.status(), ok.body());
        assertEquals(2, ok.json().get("orders").asInt());
        assertEquals(3, ok.json().get("lines").asInt());
        assertEquals(1800, count("SELECT total_minor FROM analytics_order WHERE order_key = 'store:S-1'"));
        assertEquals(0, http.send("POST", url, "text/csv", csv.getBytes(), auth).json().get("orders").asInt(),
                "the same file again adds nothing");
        shop.publish(order(10, 7, 2500, null)); // the same customer also buys online
        shop.drainEvents();
        CustomerSegment seven = shop.pluginContext("some-other-brick").customerSegment(7).orElseThrow();
        assertEquals("omnichannel", seven.channel());
        assertEquals(2, seven.orders());
    }
}

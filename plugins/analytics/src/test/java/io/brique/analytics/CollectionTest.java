package io.brique.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.api.event.Events;
import io.brique.testkit.BriqueTestServer;
import io.brique.testing.HttpSession;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Collection in a real shop: the HTTP API, server-side events, the tracker slot, privacy. H2 and MariaDB. */
@Tag("db")
class CollectionTest {

    static final String ID = "analytics";
    static final String API = "/api/v1/plugins/analytics/collect";
    static final Map<String, String> BROWSER = Map.of("User-Agent",
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36");

    BriqueTestServer shop;
    DataSource db;

    @BeforeEach
    void start() {
        shop = BriqueTestServer.start();
        shop.installFolder(Path.of("target/classes"));
        shop.enable(ID);
        db = shop.pluginContext(ID).dataSource();
    }

    @AfterEach
    void stop() {
        shop.close();
    }

    long count(String sql, Object... args) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static String batch(int events) {
        StringBuilder b = new StringBuilder("{\"events\":[");
        for (int i = 0; i < events; i++) {
            b.append(i == 0 ? "" : ",").append("{\"name\":\"add_to_cart\",\"params\":{\"page_location\":")
                    .append("\"https://shop.example/en/p/mug?utm_source=news&utm_medium=email\",\"currency\":\"EUR\",")
                    .append("\"value\":12.5},\"items\":[{\"item_id\":\"SKU").append(i)
                    .append("\",\"item_name\":\"Mug\",\"item_category\":\"Kitchen\",\"price\":12.5,\"quantity\":1}]}");
        }
        return b.append("]}").toString();
    }

    @Test
    void acceptedBatchesAreAllWrittenAndAStopFlushesThem() throws Exception {
        HttpSession http = shop.http();
        for (int i = 0; i < 30; i++) {
            HttpSession.Response r = http.postJson(API, batch(20), BROWSER);
            assertEquals(202, r.status(), r.body());
        }
        shop.disable(ID); // stop: the collector writes everything it accepted before the plugin unloads
        assertEquals(600, count("SELECT COUNT(*) FROM analytics_event"));
        assertEquals(600, count("SELECT COUNT(*) FROM analytics_event_item WHERE category = 'Kitchen' AND price_minor = 1250"));
        assertEquals(600, count("SELECT COUNT(*) FROM analytics_event WHERE channel = 'email' AND value_minor = 1250"
                + " AND visitor_key LIKE 'a:%' AND campaign IS NULL AND customer_id IS NULL"),
                "audience mode: a daily hash, channel kept, no campaign, no customer");
        assertEquals(404, http.postJson(API, batch(1), BROWSER).status(), "disabled: collection stops at once");
    }

    @Test
    void badInputIsRejectedWholeWithFieldMessagesNeverA500() throws Exception {
        HttpSession http = shop.http();
        String good = "{\"name\":\"page_view\",\"params\":{\"page_location\":\"https://shop.example/\"}}";
        Map<String, String> cases = Map.of(
                "{\"events\":[" + good + ",", "body",
                "{\"events\":[" + good + ",{\"name\":\"teleport\"}]}", "events[1].name",
                "{\"events\":[" + good + ",{\"name\":\"page_view\",\"params\":{\"page_location\":42}}]}",
                "events[1].params.page_location",
                "{\"events\":[{\"name\":\"page_view\",\"ts\":" + (System.currentTimeMillis() + 3_600_000L) + "}]}",
                "events[0].ts",
                "{\"events\":[{\"name\":\"page_view\",\"params\":{\"page_location\":\"" + "x".repeat(600) + "\"}}]}",
                "events[0].params.page_location",
                "{\"events\":[{\"name\":\"purchase\",\"params\":{\"transaction_id\":\"T1\",\"value\":\"ten\",\"currency\":\"EUR\"}}]}",
                "events[0].params.value",
                "[1,2]", "body",
                batch(51), "events");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpSession.Response r = http.postJson(API, c.getKey(), BROWSER);
            assertEquals(400, r.status(), c.getKey() + " -> " + r.body());
            assertEquals(c.getValue(), r.json().get("errors").get(0).get("field").asText(), r.body());
        }
        HttpSession.Response big = http.send("POST", API, "text/plain", new byte[70_000], BROWSER);
        assertEquals(413, big.status());
        assertEquals(202, http.postJson(API, "{\"events\":[" + good + "]}", BROWSER).status());
        shop.disable(ID);
        assertEquals(1, count("SELECT COUNT(*) FROM analytics_event"), "nothing of a rejected batch was written");
    }

    @Test
    void robotsAreDroppedAndDoNotTrackWinsOverConsent() throws Exception {
        HttpSession http = shop.http();
        shop.saveSettings(ID, Map.of("mode", "consented", "retention_days", "395", "queue_batches", "5000", "tracker", "true"));
        String consented = "{\"client_id\":\"abc123def\",\"consent\":true,\"events\":[{\"name\":\"page_view\","
                + "\"params\":{\"page_location\":\"https://shop.example/?utm_source=spring&utm_medium=cpc&utm_campaign=sale\"}}]}";
        assertEquals(204, http.postJson(API, consented, Map.of("User-Agent", "Googlebot/2.1 (+http://www.google.com/bot.html)")).status());
        assertEquals(202, http.postJson(API, consented, BROWSER).status());
        Map<String, String> dnt = new java.util.HashMap<>(BROWSER);
        dnt.put("Sec-GPC", "1");
        assertEquals(202, http.postJson(API, consented, dnt).status());
        shop.disable(ID);
        assertEquals(2, count("SELECT COUNT(*) FROM analytics_event"), "the robot's hit was dropped");
        assertEquals(1, count("SELECT COUNT(*) FROM analytics_event WHERE visitor_key = 'v:abc123def' AND campaign = 'sale'"
                + " AND channel = 'paid' AND consented = TRUE"));
        assertEquals(1, count("SELECT COUNT(*) FROM analytics_event WHERE visitor_key LIKE 'a:%' AND campaign IS NULL"
                + " AND consented = FALSE"), "GPC: treated as audience mode although the page said consent");
    }

    @Test
    void serverEventsAreStoredOnceAndOrdersNetRefunds() throws Exception {
        Events.OrderPlaced order = new Events.OrderPlaced(41, "BR000041", "web", 7L, "a@example.com", "EUR", 5000, 0, 0,
                0, 5000, "cart-token-1", null, List.of(new Events.OrderLine(3, 9, "MUG", "Mug", 2, 2500, 5000, 2000)));
        shop.publish(new Events.SearchPerformed("blue mug", "en", 0, null, null));
        shop.publish(new Events.CartChanged("cart-token-1", 7L, 3, "MUG", 9, 0, 2, 2500, "EUR"));
        shop.publish(order);
        shop.publish(new Events.OrderRefunded(41, "BR000041", 7L, "EUR", 1500, 1500, false, "broken"));
        shop.drainEvents();
        assertEquals(1, count("SELECT COUNT(*) FROM analytics_event WHERE name = 'search' AND search_term = 'blue mug'"
                + " AND result_count = 0 AND visitor_key = '-'"));
        assertEquals(1, count("SELECT COUNT(*) FROM analytics_event WHERE name = 'add_to_cart' AND value_minor = 5000"));
        assertEquals(3500, count("SELECT total_minor - refunded_minor FROM analytics_order WHERE order_key = 'o:41'"));
        assertEquals(1, count("SELECT COUNT(*) FROM analytics_order_line WHERE order_key = 'o:41' AND quantity = 2"));
        // at-least-once delivery: the same envelope twice is stored once
        ServerEvents listener = new ServerEvents(shop.pluginContext(ID));
        io.brique.api.event.EventEnvelope e = new io.brique.api.event.EventEnvelope(99, "dup-1",
                java.time.Instant.now(), order);
        listener.onEvent(e);
        listener.onEvent(e);
        assertEquals(2, count("SELECT COUNT(*) FROM analytics_event WHERE name = 'purchase'"));
        assertEquals(1, count("SELECT COUNT(*) FROM analytics_order"));
    }

    @Test
    void aFullQueueAnswers503WithRetryAfterAndAFailingDatabaseLosesNothing() throws Exception {
        shop.saveSettings(ID, Map.of("mode", "audience", "retention_days", "395", "queue_batches", "10", "tracker", "true"));
        shop.disable(ID);
        shop.enable(ID); // the queue size applies at start
        exec("ALTER TABLE analytics_event RENAME TO analytics_event_off"); // every write fails and is retried
        HttpSession http = shop.http();
        int accepted = 0;
        HttpSession.Response refused = null;
        for (int i = 0; i < 40 && refused == null; i++) {
            HttpSession.Response r = http.postJson(API, batch(20), BROWSER);
            if (r.status() == 202) {
                accepted++;
            } else {
                refused = r;
            }
        }
        assertNotNull(refused, "a bounded queue: refused once full");
        assertEquals(503, refused.status(), refused.body());
        assertEquals("1", refused.header("Retry-After"));
        assertTrue(accepted >= 10 && accepted <= 12, "the queue (10) and what the writer holds: " + accepted);
        exec("ALTER TABLE analytics_event_off RENAME TO analytics_event"); // the database is back
        shop.disable(ID); // graceful stop: everything accepted is written (retries included) before unloading
        assertEquals(accepted * 20L, count("SELECT COUNT(*) FROM analytics_event"), "nothing accepted is lost");
    }

    void exec(String sql) throws SQLException {
        try (Connection c = db.getConnection(); java.sql.Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void theTrackerIsInPagesWhileEnabledOnly() {
        HttpSession http = shop.http();
        BriqueTestServer.Product mug = shop.createProduct("track-mug", "Track mug", "9.90");
        String page = http.get(mug.urlEn()).body();
        assertTrue(page.contains("<script src=\"/en/x/analytics/tracker.js\" defer data-brique-analytics"), page);
        assertTrue(page.contains("data-product=\"" + mug.id() + "\""));
        HttpSession.Response js = http.get("/en/x/analytics/tracker.js");
        assertEquals(200, js.status());
        assertTrue(js.body().contains("sendBeacon"));
        assertNotNull(js.header("Content-Type"));
        shop.disable(ID);
        assertFalse(http.get(mug.urlEn()).body().contains("tracker.js"), "disabled: the tracker is gone");
        assertEquals(404, http.get("/en/x/analytics/tracker.js").status());
    }

    @Test
    void theCartLinksAnonymousServerEventsToTheWebVisitorForTheFunnel() throws Exception {
        HttpSession http = shop.http();
        String cart = ServerEvents.cartKey("cart-token-9");
        assertEquals(202, http.postJson(API, "{\"events\":[{\"name\":\"page_view\",\"params\":{\"page_location\":"
                + "\"https://shop.example/en/p/mug\",\"page_referrer\":\"https://www.google.com/\"}},"
                + "{\"name\":\"view_item\",\"items\":[{\"item_id\":\"9\"}]}]}", BROWSER).status());
        shop.publish(new Events.CartChanged("cart-token-9", null, 3, "MUG", 9, 0, 1, 2500, "EUR"));
        shop.drainEvents();
        assertEquals(202, http.postJson(API, "{\"events\":[{\"name\":\"begin_checkout\",\"params\":{\"cart\":\""
                + cart + "\"}}]}", BROWSER).status());
        assertEquals(400, http.postJson(API, "{\"events\":[{\"name\":\"begin_checkout\",\"params\":{\"cart\":\""
                + "cart-token-9\"}}]}", BROWSER).status(), "only hashed cart keys");
        shop.publish(new Events.OrderPlaced(90, "BR000090", "web", null, "g@example.com", "EUR", 2500, 0, 0, 0, 2500,
                "cart-token-9", null, List.of(new Events.OrderLine(3, 9, "MUG", "Mug", 1, 2500, 2500, 2000))));
        shop.drainEvents();
        shop.disable(ID); // flush
        var ctx = shop.pluginContext(ID);
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        Reports.Report funnel = new Reports(new ReportData(ctx.dataSource(), ctx.tablePrefix()), java.time.Instant.now())
                .build("funnel", new Reports.Range(today.minusDays(1), today.plusDays(1)),
                        new Reports.FunnelSpec(Funnel.DEFAULT_STEPS, java.time.Duration.ofDays(1)));
        assertEquals(List.of("1", "1", "1", "1"), funnel.tables().get(0).rows().stream().map(r -> r.get(1)).toList(),
                "the anonymous visitor's server-side cart and purchase joined their web visit");
        Reports.Report acq = new Reports(new ReportData(ctx.dataSource(), ctx.tablePrefix()), java.time.Instant.now())
                .build("acquisition", new Reports.Range(today.minusDays(1), today.plusDays(1)), null);
        assertEquals(List.of("organic", "1", "1", "100.0 %", "25.00 EUR"), acq.tables().get(0).rows().get(0),
                "the purchase converts the organic visit");
    }

    @Test
    void theCheckoutStepsOfARealCheckoutAreCollectedServerSide() throws Exception {
        HttpSession http = shop.http();
        BriqueTestServer.Product mug = shop.createProduct("step-mug", "Step mug", "12.00");
        java.util.regex.Matcher v = java.util.regex.Pattern.compile("name=\"variantId\" value=\"(\\d+)\"")
                .matcher(http.get(mug.urlEn()).body());
        assertTrue(v.find(), "the product page has the variant");
        assertEquals(303, http.postForm("/en/cart/add", Map.of("variantId", v.group(1), "quantity", "2")).status());
        String form = http.get("/en/checkout").body();
        java.util.regex.Matcher key = java.util.regex.Pattern.compile("name=\"idempotencyKey\" value=\"([^\"]+)\"")
                .matcher(form);
        assertTrue(key.find(), form);
        Map<String, String> f = new java.util.HashMap<>(Map.of("idempotencyKey", key.group(1), "email", "step@example.com",
                "firstName", "Ada", "lastName", "Lovelace", "line1", "1 rue de Rivoli", "postcode", "75001", "city",
                "Paris", "country", "FR", "shippingMethod", "home", "paymentMethod", "bank_transfer"));
        f.put("phone", "+33 1 23 45 67 89");
        assertEquals(303, http.postForm("/en/checkout", f).status());
        shop.drainEvents();
        shop.disable(ID); // flush
        for (String step : List.of("begin_checkout", "add_shipping_info", "add_payment_info")) {
            assertEquals(1, count("SELECT COUNT(*) FROM analytics_event WHERE name = ? AND origin = 'server'"
                    + " AND value_minor = 2400 AND currency = 'EUR'", step), step);
        }
        assertEquals(1, count("SELECT COUNT(DISTINCT target) FROM analytics_event WHERE name IN ('add_to_cart',"
                + " 'begin_checkout', 'add_shipping_info', 'add_payment_info', 'purchase')"),
                "every step carries the same hashed cart, so it joins the visit that reported the cart");
        assertEquals(5, count("SELECT COUNT(DISTINCT name) FROM analytics_event WHERE target LIKE 'cart:%'"));
    }
}

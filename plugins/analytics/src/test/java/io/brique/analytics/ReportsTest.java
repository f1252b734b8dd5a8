package io.brique.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.api.plugin.PluginContext;
import io.brique.testkit.BriqueTestServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Reports read from the plugin's tables (H2 and MariaDB) on a hand-made fixture whose answers are
 * worked out below, rendered with the plugin's template, and exported as CSV.
 */
@Tag("db")
class ReportsTest {

    static final Instant DAY = Instant.parse("2026-03-10T09:00:00Z");
    static final Reports.Range RANGE = new Reports.Range(LocalDate.parse("2026-03-10"), LocalDate.parse("2026-03-11"));

    BriqueTestServer shop;
    PluginContext ctx;
    Store store;
    Ids ids = new Ids();
    List<Hit> hits = new ArrayList<>();

    @BeforeEach
    void start() {
        shop = BriqueTestServer.start();
        shop.installFolder(Path.of("target/classes"));
        ctx = shop.pluginContext("analytics");
        store = new Store(ctx.dataSource(), ctx.tablePrefix());
    }

    @AfterEach
    void stop() {
        shop.close();
    }

    void hit(String visitor, int minute, String name, String channel, String source, String campaign, Long value,
            String page, String term, Integer results, Hit.Item... items) {
        hits.add(new Hit(ids.next(System.currentTimeMillis()), null, DAY.plus(Duration.ofMinutes(minute)), name, "web",
                visitor, null, false, page, null, channel, source, null, campaign, value, value == null ? null : "EUR",
                name.equals("purchase") ? "T" + visitor + minute : null, term, results, null, List.of(items)));
    }

    void fixture() throws Exception {
        // previous period (2026-03-08/09): one direct visit of a
        hits.add(new Hit(ids.next(System.currentTimeMillis()), null, DAY.minus(Duration.ofDays(2)), "page_view", "web",
                "v:a", null, true, "/", null, null, null, null, null, null, null, null, null, null, null, List.of()));
        // a: organic landing, 3 pages over 12 minutes, add to cart, checkout, buys 40.00
        hit("v:a", 0, "page_view", "organic", "google", null, null, "/", null, null);
        hit("v:a", 2, "view_item", null, null, null, null, "/p/mug", null, null, new Hit.Item("MUG", "Mug", "Kitchen", 2000L, 1));
        hit("v:a", 3, "page_view", null, null, null, null, "/p/mug", null, null);
        hit("v:a", 5, "add_to_cart", null, null, null, 4000L, "/p/mug", null, null, new Hit.Item("MUG", "Mug", "Kitchen", 2000L, 2));
        hit("v:a", 8, "begin_checkout", null, null, null, null, "/checkout", null, null);
        hit("v:a", 10, "page_view", null, null, null, null, "/checkout", null, null);
        hit("v:a", 12, "purchase", null, null, null, 4000L, "/thanks", null, null, new Hit.Item("MUG", "Mug", "Kitchen", 2000L, 2));
        // b: one page from an e-mail campaign, leaves (bounce)
        hit("v:b", 30, "page_view", "email", "news", "spring", null, "/", null, null);
        // c: searches twice (one without results), views a product, leaves after a search
        hit("v:c", 60, "page_view", null, null, null, null, "/", null, null);
        hit("v:c", 61, "search", null, null, null, null, "/search", "Blue Mug", 3, new Hit.Item[0]);
        hit("v:c", 62, "view_item", null, null, null, null, "/p/mug", null, null, new Hit.Item("MUG", null, null, null, 1));
        hit("v:c", 63, "search", null, null, null, null, "/search", "unicorn", 0, new Hit.Item[0]);
        // c again next day (returning within the range), direct, one page: a bounce
        hit("v:c", 24 * 60, "page_view", null, null, null, null, "/", null, null);
        store.write(hits);
        try (Connection c = ctx.dataSource().getConnection()) {
            store.insertOrder(c, "api:Tv:a12", "Tv:a12", DAY.plus(Duration.ofMinutes(12)), "api", null, "v:a", "EUR", 4000,
                    List.of(new Store.Line("MUG", "Mug", "Kitchen", 2, 4000)));
        }
    }

    @Test
    void trafficFunnelSearchAndEcommerceFromTheTables() throws Exception {
        fixture();
        Reports reports = new Reports(new ReportData(ctx.dataSource(), ctx.tablePrefix()), DAY.plus(Duration.ofDays(5)));
        Reports.Report traffic = reports.build("traffic", RANGE, null);
        // sessions in range: a (1), b (1), c (2) = 4 visits, 3 visitors; page views: a 3, b 1, c 1 + 1 = 6;
        // bounces: b and c's second visit = 2 of 4; a is returning (visited on 03-08), b and c are new
        Map<String, Reports.Kpi> k = byLabel(traffic);
        assertEquals("4", k.get("Visits").value());
        assertEquals("1", k.get("Visits").previous());
        assertEquals("+300.0 %", k.get("Visits").delta());
        assertEquals("3", k.get("Visitors").value());
        assertEquals("6", k.get("Page views").value());
        assertEquals("50.0 %", k.get("Bounce rate").value());
        // durations: a 12 min, b 0, c 3 min, c 0 -> 15 min / 4 = 3:45
        assertEquals("3:45", k.get("Avg. visit duration").value());
        assertEquals("2", k.get("New visitors").value());
        assertEquals("1", k.get("Returning visitors").value());

        Reports.Report funnel = reports.build("funnel", RANGE, new Reports.FunnelSpec(Funnel.DEFAULT_STEPS, Duration.ofDays(1)));
        assertEquals(List.of("view_item", "2", "0", "100.0 %", "100.0 %", "0"), funnel.tables().get(0).rows().get(0));
        assertEquals(List.of("add_to_cart", "1", "1", "50.0 %", "50.0 %", "0"), funnel.tables().get(0).rows().get(1));
        assertEquals(List.of("purchase", "1", "0", "100.0 %", "50.0 %", "0"), funnel.tables().get(0).rows().get(3));

        Reports.Report search = reports.build("search", RANGE, null);
        assertEquals(List.of(List.of("blue mug", "1", "0"), List.of("unicorn", "1", "1")), search.tables().get(0).rows());
        assertEquals(List.of(List.of("unicorn", "1")), search.tables().get(1).rows());
        assertEquals(List.of(List.of("unicorn", "1")), search.tables().get(2).rows(), "c's first visit ended on a search");

        Reports.Report commerce = reports.build("ecommerce", RANGE, null);
        Map<String, Reports.Kpi> e = byLabel(commerce);
        assertEquals("1", e.get("Orders").value());
        assertEquals("40.00 EUR", e.get("Revenue (net of refunds)").value());
        assertEquals("40.00 EUR", e.get("Average order value").value());
        assertEquals("25.0 %", e.get("Conversion rate").value(), "1 converting visit of 4");
        assertEquals(List.of(List.of("MUG", "2", "40.00 EUR")), commerce.tables().get(0).rows());

        Reports.Report acq = reports.build("acquisition", RANGE, null);
        assertEquals(List.of("organic", "1", "1", "100.0 %", "40.00 EUR"), acq.tables().get(0).rows().stream()
                .filter(r -> r.get(0).equals("organic")).findFirst().orElseThrow());
        assertEquals(List.of("direct", "2", "0", "0.0 %", "-"), acq.tables().get(0).rows().stream()
                .filter(r -> r.get(0).equals("direct")).findFirst().orElseThrow());
        assertEquals(List.of(List.of("spring", "1", "0", "0.0 %", "-")), acq.tables().get(2).rows());

        String html = ctx.templates().render("reports", "en", AdminRoutes.model(traffic,
                new AdminRoutes.Query("traffic", RANGE, new Reports.FunnelSpec(Funnel.DEFAULT_STEPS, Duration.ofDays(1)), 0)));
        assertTrue(html.contains("<svg"), "a chart");
        assertTrue(html.contains("<td>50.0 %</td>"), html);
        assertTrue(html.contains("export.csv?section=traffic&amp;from=2026-03-10&amp;to=2026-03-11"), html);
        String csv = Reports.csv(acq.tables().get(0));
        assertTrue(csv.startsWith("Channel,Visits,Conversions,Conversion rate,Revenue\r\n"), csv);
        assertTrue(csv.contains("organic,1,1,100.0 %,40.00 EUR\r\n"), csv);
    }

    @Test
    void reportPagesInTheAdminConsoleWithCsvAndClearErrors() throws Exception {
        fixture();
        shop.enable("analytics");
        io.brique.testing.HttpSession anonymous = shop.http();
        assertTrue(anonymous.get("/admin/plugins/analytics/reports").status() / 100 == 3, "not signed in: to the login");
        io.brique.testing.HttpSession admin = shop.adminHttp();
        io.brique.testing.HttpSession.Response page = admin.get(
                "/admin/plugins/analytics/reports?section=acquisition&from=2026-03-10&to=2026-03-11");
        assertEquals(200, page.status());
        assertTrue(page.body().contains("<title>Analytics: Acquisition"), "in the console's layout, with its title");
        assertTrue(page.body().contains("<td>spring</td>"), page.body());
        assertTrue(page.body().contains("<svg"), "a chart");
        io.brique.testing.HttpSession.Response csv = admin.get(
                "/admin/plugins/analytics/reports/export.csv?section=acquisition&from=2026-03-10&to=2026-03-11&table=0");
        assertEquals(200, csv.status());
        assertTrue(csv.body().contains("organic,1,1,100.0 %,40.00 EUR"), csv.body());
        assertEquals(400, admin.get("/admin/plugins/analytics/reports?section=traffic&from=2026-13-01").status());
        assertEquals(400, admin.get("/admin/plugins/analytics/reports?section=nope").status());
        assertEquals(400, admin.get("/admin/plugins/analytics/reports?section=funnel&steps=view_item,teleport").status());
        for (String section : Reports.SECTIONS) {
            assertEquals(200, admin.get("/admin/plugins/analytics/reports?section=" + section
                    + "&from=2026-03-10&to=2026-03-11").status(), section);
        }
    }

    @Test
    void retentionPurgeDeletesOldEventsAndSalts() throws Exception {
        fixture(); // events of 2026-03-08 to 2026-03-11
        Analytics analytics = Analytics.of(ctx);
        try {
            Instant now = Instant.parse("2026-06-07T12:00:00Z"); // 395 days of retention by default: nothing goes
            analytics.privacy.audienceKey(LocalDate.parse("2026-06-01"), "10.0.0.1", "UA");
            analytics.privacy.audienceKey(LocalDate.parse("2026-06-07"), "10.0.0.1", "UA");
            assertEquals(0, new Retention(analytics).purge(now));
            shop.enable("analytics"); // settings are validated against the declaration of the running plugin
            shop.saveSettings("analytics", Map.of("retention_days", "90", "mode", "audience", "queue_batches", "5000",
                    "tracker", "true"));
            // 90 days before 2026-06-07T12:00 is 2026-03-09T12:00: the events of 03-08 and 03-09 (before 12:00) go
            long before = count("SELECT COUNT(*) FROM analytics_event");
            int deleted = new Retention(analytics).purge(now);
            assertEquals(1, deleted, "a's visit of 03-08, nothing of 03-10 or later");
            assertEquals(before - 1, count("SELECT COUNT(*) FROM analytics_event"));
            assertEquals(1, count("SELECT COUNT(*) FROM analytics_salt"), "only today's salt is kept");
            assertEquals(0, count("SELECT COUNT(*) FROM analytics_event_item WHERE event_id NOT IN (SELECT id FROM analytics_event)"));
        } finally {
            Analytics.stop(ctx);
        }
    }

    long count(String sql) throws Exception {
        try (Connection c = ctx.dataSource().getConnection(); java.sql.ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static Map<String, Reports.Kpi> byLabel(Reports.Report r) {
        Map<String, Reports.Kpi> m = new java.util.HashMap<>();
        r.kpis().forEach(k -> m.put(k.label(), k));
        return m;
    }
}

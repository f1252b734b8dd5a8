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
        assertVisitFigures(reports);

        Reports.Report acq = reports.build("acquisition", RANGE, null);
        assertEquals(List.of("organic", "1", "1", "100.0 %", "40.00 EUR"), acq.tables().get(0).rows().stream()
                .filter(r -> r.get(0).equals("organic")).findFirst().orElseThrow());
        assertEquals(List.of("direct", "2", "0", "0.0 %", "-"), acq.tables().get(0).rows().stream()
                .filter(r -> r.get(0).equals("direct")).findFirst().orElseThrow());
        assertEquals(List.of(List.of("spring", "1", "0", "0.0 %", "-")), acq.tables().get(2).rows());

        // attribution of a's 40.00 EUR purchase (03-10 09:12) over a's two visits: direct on 03-08 09:00, organic
        // on 03-10 09:00. Last non-direct: organic; first click: direct; linear and position-based (two
        // touches: 50/50): 20.00 each; time decay (half-life 7 days), ages 2 d 12 min and 12 min:
        // weights 2^(-2.00833/7) = 0.81969 and 2^(-0.00833/7) = 0.99918, so 18.03 and 21.97
        Reports.Report attribution = reports.build("attribution", RANGE, null);
        assertEquals(List.of(List.of("direct", "0.00 EUR", "40.00 EUR", "20.00 EUR", "20.00 EUR", "18.03 EUR"),
                List.of("organic", "40.00 EUR", "0.00 EUR", "20.00 EUR", "20.00 EUR", "21.97 EUR")),
                attribution.tables().get(0).rows());

        String html = ctx.templates().render("reports", "en", AdminRoutes.model(traffic,
                new AdminRoutes.Query("traffic", RANGE, new Reports.FunnelSpec(Funnel.DEFAULT_STEPS, Duration.ofDays(1)), 0)));
        assertTrue(html.contains("<svg"), "a chart");
        assertTrue(html.contains("<td>50.0 %</td>"), html);
        assertTrue(html.contains("export.csv?section=traffic&amp;from=2026-03-10&amp;to=2026-03-11"), html);
        String csv = Reports.csv(acq.tables().get(0));
        assertTrue(csv.startsWith("Channel,Visits,Conversions,Conversion rate,Revenue\r\n"), csv);
        assertTrue(csv.contains("organic,1,1,100.0 %,40.00 EUR\r\n"), csv);
    }

    /** The figures of the fixture that come from visits, worked out in the test above. */
    static void assertVisitFigures(Reports reports) throws Exception {
        Map<String, Reports.Kpi> k = byLabel(reports.build("traffic", RANGE, null));
        assertEquals(List.of("4", "1", "3", "6", "50.0 %", "3:45", "2", "1"), List.of(k.get("Visits").value(),
                k.get("Visits").previous(), k.get("Visitors").value(), k.get("Page views").value(),
                k.get("Bounce rate").value(), k.get("Avg. visit duration").value(), k.get("New visitors").value(),
                k.get("Returning visitors").value()));
        assertEquals("25.0 %", byLabel(reports.build("ecommerce", RANGE, null)).get("Conversion rate").value());
        assertEquals(List.of(List.of("unicorn", "1")), reports.build("search", RANGE, null).tables().get(2).rows());
        Reports.Report acq = reports.build("acquisition", RANGE, null);
        assertEquals(List.of("organic", "1", "1", "100.0 %", "40.00 EUR"), acq.tables().get(0).rows().stream()
                .filter(r -> r.get(0).equals("organic")).findFirst().orElseThrow());
        assertEquals(List.of(List.of("spring", "1", "0", "0.0 %", "-")), acq.tables().get(2).rows());
        // compared with the previous period (03-08/09: a's one direct visit, no search)
        Reports.Kpi visits = byLabel(acq).get("Visits");
        assertEquals(List.of("4", "1", "+300.0 %"), List.of(visits.value(), visits.previous(), visits.delta()));
        assertEquals("25.0 %", byLabel(acq).get("Conversion rate").value());
        Reports.Kpi searches = byLabel(reports.build("search", RANGE, null)).get("Searches");
        assertEquals(List.of("2", "0", "new"), List.of(searches.value(), searches.previous(), searches.delta()));
    }

    @Test
    void theDailyRollupGivesTheSameFiguresIsIdempotentAndLateEventsCorrectIt() throws Exception {
        fixture(); // events of 2026-03-08, 03-10 and 03-11
        Instant now = DAY.plus(Duration.ofDays(5)); // 2026-03-15T09:00: days up to 03-14 are finished (6 h margin)
        Reports reports = new Reports(new ReportData(ctx.dataSource(), ctx.tablePrefix()), now);
        Rollup rollup = new Rollup(ctx.dataSource(), ctx.tablePrefix());
        assertEquals(7, rollup.run(now), "03-08 (first event) to 03-14");
        assertEquals(0, rollup.run(now), "nothing left: a second run rolls nothing");
        assertEquals(5, count("SELECT COUNT(*) FROM analytics_session"), "a on 03-08; a, b, c on 03-10; c on 03-11");
        rollup.roll(LocalDate.parse("2026-03-10"), now);
        assertEquals(5, count("SELECT COUNT(*) FROM analytics_session"), "rolling a day again replaces its rows");
        assertVisitFigures(reports);

        // a late event of 03-10 (an import, a delayed beacon): the day is dirty, computed live, then rolled again
        Store late = new Store(ctx.dataSource(), ctx.tablePrefix(), java.time.Clock.fixed(now, java.time.ZoneOffset.UTC));
        late.write(List.of(new Hit(ids.next(now.toEpochMilli()), null, DAY.plus(Duration.ofHours(3)), "page_view", "web",
                "v:d", null, true, "/late", null, null, null, null, null, null, null, null, null, null, null, List.of())));
        assertEquals(1, count("SELECT COUNT(*) FROM analytics_rollup WHERE dirty = TRUE AND roll_day = '2026-03-10'"));
        assertEquals("5", byLabel(reports.build("traffic", RANGE, null)).get("Visits").value(), "the late visit counts");
        assertEquals(1, rollup.run(now), "only the dirty day");
        assertEquals(6, count("SELECT COUNT(*) FROM analytics_session"));
        assertEquals("5", byLabel(reports.build("traffic", RANGE, null)).get("Visits").value());

        // reports read the rollup, not the events, for rolled days: b's raw events gone, b's visit still counted
        try (Connection c = ctx.dataSource().getConnection()) {
            c.createStatement().executeUpdate("DELETE FROM analytics_event WHERE visitor_key = 'v:b'");
        }
        assertEquals("5", byLabel(reports.build("traffic", RANGE, null)).get("Visits").value());
        // today is never read from the rollup: a range ending today is computed from the events
        LocalDate today = LocalDate.parse("2026-03-15");
        late.write(List.of(new Hit(ids.next(now.toEpochMilli()), null, now.minusSeconds(60), "page_view", "web",
                "v:e", null, true, "/", null, null, null, null, null, null, null, null, null, null, null, List.of())));
        assertEquals("1", byLabel(new Reports(new ReportData(ctx.dataSource(), ctx.tablePrefix()), now).build("traffic",
                new Reports.Range(today, today), null)).get("Visits").value());
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
        // the admin switches the console to French: labels, tabs, title and CSV headers follow
        admin.postForm("/admin/lang", Map.of("lang", "fr", "back", "/admin"));
        io.brique.testing.HttpSession.Response fr = admin.get(
                "/admin/plugins/analytics/reports?section=acquisition&from=2026-03-10&to=2026-03-11");
        assertTrue(fr.body().contains("<title>Statistiques : Acquisition"), fr.body());
        assertTrue(fr.body().contains(">Canaux<") && fr.body().contains(">Entonnoir<") && fr.body().contains(">Du<"),
                fr.body());
        assertTrue(fr.body().contains("<td>recherche naturelle</td>"), "channel names translated too");
        assertTrue(admin.get("/admin/plugins/analytics/reports/export.csv?section=acquisition&from=2026-03-10"
                + "&to=2026-03-11&table=0").body().startsWith("Canal,Visites,Conversions,Taux de conversion,"
                        + "Chiffre d'affaires\r\n"));
    }

    @Test
    void everyLabelOfEverySectionExistsInFrenchAndEnglish() throws Exception {
        fixture();
        java.util.regex.Pattern missingKey = java.util.regex.Pattern.compile("^[a-z]+\\.[a-z_]+$");
        for (String lang : List.of("fr", "en")) {
            Reports reports = new Reports(new ReportData(ctx.dataSource(), ctx.tablePrefix()), DAY.plus(Duration.ofDays(5)),
                    Labels.of(lang));
            for (String section : Reports.SECTIONS) {
                Reports.Report r = reports.build(section, RANGE, new Reports.FunnelSpec(Funnel.DEFAULT_STEPS,
                        Duration.ofDays(1)));
                List<String> labels = new ArrayList<>(List.of(r.title()));
                r.kpis().forEach(k -> labels.add(k.label()));
                r.tables().forEach(t -> {
                    labels.add(t.title());
                    labels.addAll(t.headers());
                });
                for (String l : labels) {
                    assertTrue(!missingKey.matcher(l).matches(), lang + " " + section + ": no label for " + l);
                }
            }
            assertEquals(Labels.EN.get("kpi.visits"), "Visits");
            assertEquals(Labels.of("fr").get("kpi.visits"), "Visites");
        }
        java.util.Properties en = new java.util.Properties();
        java.util.Properties fr = new java.util.Properties();
        en.load(getClass().getResourceAsStream("/i18n/messages_en.properties"));
        fr.load(getClass().getResourceAsStream("/i18n/messages_fr.properties"));
        assertEquals(en.keySet(), fr.keySet(), "both languages complete");
        fr.values().forEach(v -> assertTrue(!v.toString().isBlank()));
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

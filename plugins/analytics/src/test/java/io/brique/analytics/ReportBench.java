package io.brique.analytics;

import io.brique.testkit.BriqueTestServer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Benchmark (not a test): the admin reports over a month of about 1M events, computed from the events
 * (before the daily rollup) and from the rolled-up visits (after). Events are written with the
 * plugin's own batch writer: visits of 3 to 12 events (page views, product views, searches, add to
 * cart, 3 % end with a purchase) from 8 traffic sources. Run:
 * {@code ./brique bench-analytics reports [events] [h2|mariadb]} (default 1,000,000, mariadb).
 */
public final class ReportBench {

    public static void main(String[] args) throws Exception {
        int target = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        System.setProperty("brique.test.db", args.length > 1 ? args[1] : "mariadb");
        LocalDate first = LocalDate.parse("2026-10-01");
        int days = 30;
        Instant now = first.plusDays(days + 1).atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofHours(7));
        try (BriqueTestServer shop = BriqueTestServer.start(Map.of("log.level", "WARN"))) {
            shop.installFolder(java.nio.file.Path.of("target/classes"));
            var ctx = shop.pluginContext("analytics");
            Store store = new Store(ctx.dataSource(), ctx.tablePrefix(), java.time.Clock.fixed(now, ZoneOffset.UTC));
            Ids ids = new Ids();
            Random rnd = new Random(42);
            String[][] sources = {{"organic", "google.com", null, null}, {"direct", null, null, null},
                    {"referral", "blog.example", null, null}, {"paid", "google", "cpc", "autumn"},
                    {"email", "news", "email", "weekly"}, {"social", "facebook.com", null, null},
                    {"organic", "bing.com", null, null}, {"paid", "partner", "affiliate", null}};
            long t0 = System.nanoTime();
            long written = 0;
            long visits = 0;
            List<Hit> batch = new ArrayList<>();
            int visitors = target / 40;
            while (written < target) {
                int v = rnd.nextInt(visitors);
                Instant at = first.atStartOfDay(ZoneOffset.UTC).toInstant()
                        .plusSeconds((long) (rnd.nextDouble() * days * 86_400 - 3_600));
                String[] src = sources[rnd.nextInt(sources.length)];
                int n = 3 + rnd.nextInt(10);
                visits++;
                for (int i = 0; i < n; i++) {
                    at = at.plusSeconds(5 + rnd.nextInt(120));
                    String name = i == 0 ? "page_view" : switch (rnd.nextInt(6)) {
                        case 0 -> "view_item";
                        case 1 -> "search";
                        case 2 -> "add_to_cart";
                        default -> "page_view";
                    };
                    boolean purchase = i == n - 1 && rnd.nextInt(100) < 3;
                    if (purchase) {
                        name = "purchase";
                    }
                    batch.add(new Hit(ids.next(at.toEpochMilli()), null, at, name, "web", "v:bench" + v, null, true,
                            "/p/" + rnd.nextInt(500), null, i == 0 ? src[0] : null, i == 0 ? src[1] : null,
                            i == 0 ? src[2] : null, i == 0 ? src[3] : null, purchase ? 1000L + rnd.nextInt(20_000) : null,
                            purchase ? "EUR" : null, purchase ? "T" + written : null,
                            name.equals("search") ? "query " + rnd.nextInt(300) : null,
                            name.equals("search") ? rnd.nextInt(20) : null, null, List.of()));
                    written++;
                }
                if (batch.size() >= 2_000) {
                    store.write(batch);
                    batch.clear();
                }
            }
            store.write(batch);
            System.out.printf(Locale.ROOT, "%d events (%d visits generated) written in %.1f s on %s%n", written, visits,
                    (System.nanoTime() - t0) / 1e9, BriqueTestServer.databaseKind());
            Reports.Range month = new Reports.Range(first, first.plusDays(days - 1));
            Reports reports = new Reports(new ReportData(ctx.dataSource(), ctx.tablePrefix()), now);
            Map<String, double[]> before = time(reports, month);
            long r0 = System.nanoTime();
            int rolled = 0;
            int r;
            while ((r = new Rollup(ctx.dataSource(), ctx.tablePrefix()).run(now)) > 0) {
                rolled += r;
            }
            double rollSeconds = (System.nanoTime() - r0) / 1e9;
            Map<String, double[]> after = time(reports, month);
            System.out.printf(Locale.ROOT, "%nrollup: %d days in %.1f s (%.2f s a day)%n%n", rolled, rollSeconds,
                    rollSeconds / rolled);
            System.out.println("| date | database | events | report (30 days, vs previous 30) | from events s | rolled up s | visits |");
            System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
            for (String section : before.keySet()) {
                System.out.printf(Locale.ROOT, "| %s | %s | %d | %s | %.2f | %.2f | %.0f / %.0f |%n", LocalDate.now(),
                        BriqueTestServer.databaseKind(), written, section, before.get(section)[0], after.get(section)[0],
                        before.get(section)[1], after.get(section)[1]);
            }
        }
    }

    /** Seconds of the second of two runs (the first warms up), and the visits the report gives (same before/after). */
    static Map<String, double[]> time(Reports reports, Reports.Range range) throws Exception {
        Map<String, double[]> out = new java.util.LinkedHashMap<>();
        for (String section : List.of("traffic", "acquisition", "ecommerce", "search")) {
            reports.build(section, range, null);
            long t = System.nanoTime();
            Reports.Report rep = reports.build(section, range, null);
            double s = (System.nanoTime() - t) / 1e9;
            double visits = rep.kpis().stream().filter(k -> k.label().equals("Visits")).mapToDouble(k -> Double.parseDouble(k.value()))
                    .findFirst().orElse(rep.tables().isEmpty() ? 0 : rep.tables().get(0).rows().size());
            out.put(section, new double[] {s, visits});
        }
        return out;
    }
}
